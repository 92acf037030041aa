#pragma once

#include <optional>
#include <string>

#include "domain/Audit.hpp"
#include "domain/Role.hpp"
#include "domain/User.hpp"
#include "store/WriteTransaction.hpp"

// The account and session writes of every store, each one transaction: what is checked,
// written and recorded in the audit trail, and which access change goes out with the commit.
// Failures are the exceptions of store/StoreErrors.hpp. Each may run again from the start.
namespace caseboard::store::transactions {

// `user` has its id, e-mail, password, creation time and source; its role is the draft's, or
// admin for the first user of an empty database and editor after.
domain::User createUser(WriteTransaction& tx, domain::User user, std::optional<domain::Role> role,
                        const std::optional<domain::Actor>& creator);
domain::User syncDirectoryUser(WriteTransaction& tx, const std::string& email,
                               domain::UserSource source, domain::Role role);
domain::User setUserRole(WriteTransaction& tx, const std::string& userId, domain::Role role,
                         const domain::Actor& actor);
domain::User setUserActive(WriteTransaction& tx, const std::string& userId, bool active,
                           const domain::Actor& actor);
void setPassword(WriteTransaction& tx, const std::string& userId, const std::string& passwordHash,
                 const std::string& keptSession, const domain::Actor& actor);
// sessionId: the new session's, chosen by the caller so that a second run opens the same one.
void openSession(WriteTransaction& tx, const std::string& sessionId,
                 const domain::SessionStart& start, const domain::Actor& actor);
void endSession(WriteTransaction& tx, const std::string& sessionId, const domain::Actor& actor);

}  // namespace caseboard::store::transactions
