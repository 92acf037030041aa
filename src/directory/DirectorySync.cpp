#include "directory/DirectorySync.hpp"

#include <spdlog/spdlog.h>

#include "store/StoreErrors.hpp"

namespace caseboard::directory {

namespace {
const domain::Actor kSync{domain::kNoUser, "directory sync"};
}

DirectorySync::DirectorySync(store::Store& store, const LdapDirectory& directory,
                             std::chrono::seconds interval)
    : store_(store), directory_(directory), interval_(interval) {
    thread_ = std::thread([this] { run(); });
}

DirectorySync::~DirectorySync() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void DirectorySync::run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
        lock.unlock();
        try {
            checkEveryone();
        } catch (const std::exception& e) {
            spdlog::warn("directory sync: {}", e.what());
        }
        lock.lock();
    }
}

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
