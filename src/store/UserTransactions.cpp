#include "store/UserTransactions.hpp"

#include "domain/Clock.hpp"
#include "domain/Uuid.hpp"
#include "store/StoreErrors.hpp"

namespace caseboard::store::transactions {

using domain::Actor;
using domain::User;

namespace {

// Whether taking `user`'s admin rights (a demotion, a deactivation) would leave nobody to manage
// the others.
bool isLastActiveAdmin(WriteTransaction& tx, const User& user) {
    return user.role == domain::Role::Admin && user.active && tx.countActiveAdmins() <= 1;
}

User existingUser(WriteTransaction& tx, const std::string& userId) {
    auto found = tx.userById(userId);
    if (!found) throw NotFound("user");
    return *found;
}

}  // namespace

User createUser(WriteTransaction& tx, User user, std::optional<domain::Role> role,
                const std::optional<Actor>& creator) {
    tx.lockUsers();
    if (role) {
        user.role = *role;
    } else {
        user.role = tx.countUsers() == 0 ? domain::Role::Admin : domain::Role::Editor;
    }
    tx.insertUser(user);
    if (creator) {
        tx.insertAudit(domain::userEntry("user_create", *creator, user.id,
                                         {{"role", domain::roleName(user.role)}}));
    }
    return user;
}

User syncDirectoryUser(WriteTransaction& tx, const std::string& email, domain::UserSource source,
                       domain::Role role) {
    tx.lockUsers();
    const Actor directory{domain::kNoUser, domain::sourceName(source)};
    auto found = tx.userByEmail(email);
    if (!found) {
        User user{domain::newUuid(), email, "", domain::nowTimestamp(), role, true, source};
        tx.insertUser(user);
        tx.insertAudit(domain::userEntry("user_create", directory, user.id,
                                         {{"role", domain::roleName(role)}}));
        return user;
    }
    User user = *found;
    if (user.source != source) throw Conflict("the e-mail belongs to another kind of account");
    if (user.role == role) return user;
    tx.setRole(user.id, role);
    tx.insertAudit(domain::roleChangeEntry(directory, user.id, user.role, role));
    user.role = role;
    tx.accessChanged({user.id, "", false, "", false});
    return user;
}

User setUserRole(WriteTransaction& tx, const std::string& userId, domain::Role role,
                 const Actor& actor) {
    tx.lockUsers();
    User user = existingUser(tx, userId);
    if (user.role == role) return user;
    if (isLastActiveAdmin(tx, user)) throw Conflict("the last admin cannot be demoted");
    tx.setRole(userId, role);
    tx.insertAudit(domain::roleChangeEntry(actor, userId, user.role, role));
    user.role = role;
    tx.accessChanged({userId, "", false, "", !domain::mayRead(role)});
    return user;
}

User setUserActive(WriteTransaction& tx, const std::string& userId, bool active,
                   const Actor& actor) {
    tx.lockUsers();
    User user = existingUser(tx, userId);
    if (user.active == active) return user;
    if (!active && isLastActiveAdmin(tx, user)) {
        throw Conflict("the last active admin cannot be deactivated");
    }
    tx.setActive(userId, active);
    if (!active) tx.endSessionsOf(userId, "", domain::nowTimestamp());
    tx.insertAudit(domain::userEntry(active ? "user_activate" : "user_deactivate", actor, userId));
    user.active = active;
    tx.accessChanged({userId, "", !active, "", !active});
    return user;
}

void setPassword(WriteTransaction& tx, const std::string& userId, const std::string& passwordHash,
                 const std::string& keptSession, const Actor& actor) {
    if (!tx.setPasswordHash(userId, passwordHash)) throw NotFound("user");
    tx.endSessionsOf(userId, keptSession, domain::nowTimestamp());
    tx.insertAudit(domain::userEntry("password_change", actor, userId));
    tx.accessChanged({userId, "", true, keptSession, false});
}

// A session outlives its token by nothing: those past it are of no more use.
void openSession(WriteTransaction& tx, const std::string& sessionId,
                 const domain::SessionStart& start, const Actor& actor) {
    tx.pruneSessions(domain::unixSeconds());
    tx.insertSession(sessionId, start, domain::nowTimestamp());
    tx.insertAudit(domain::auditEntry("login", actor, std::nullopt, {{"method", start.method}}));
}

// Nothing happens to a session that had ended already.
void endSession(WriteTransaction& tx, const std::string& sessionId, const Actor& actor) {
    auto userId = tx.endSession(sessionId, domain::nowTimestamp());
    if (!userId) return;
    tx.insertAudit(domain::auditEntry("logout", actor, std::nullopt, {}));
    tx.accessChanged({*userId, sessionId, false, "", false});
}

}  // namespace caseboard::store::transactions
