#include "directory/DirectorySync.hpp"

#include <spdlog/spdlog.h>

#include "store/StoreErrors.hpp"

namespace caseboard::directory {

namespace {
const domain::Actor kSync{domain::kNoUser, "directory sync"};
}

DirectorySync::DirectorySync(store::Store& store, const LdapDirectory& directory,
                             std::chrono::seconds interval)
    : store_(store),
      directory_(directory),
      thread_("directory sync", interval, [this] { checkEveryone(); }) {}

void DirectorySync::checkEveryone() {
    for (const auto& user : store_.allUsers()) {
        if (user.source == domain::UserSource::Ldap && user.active) check(user);
    }
}

void DirectorySync::check(const domain::User& user) {
    auto found = directory_.lookup(user.email);
    if (found.outcome == LookupOutcome::Unavailable) return;
    try {
        if (found.outcome == LookupOutcome::Found && found.person->role) {
            store_.syncDirectoryUser(user.email, domain::UserSource::Ldap, *found.person->role);
            return;
        }
        store_.setUserActive(user.id, false, kSync);
        spdlog::info("directory sync: deactivated a user the directory no longer grants a role");
    } catch (const store::Conflict&) {
        spdlog::warn("directory sync: the last active admin left the directory; kept active");
    }
}

}  // namespace caseboard::directory
