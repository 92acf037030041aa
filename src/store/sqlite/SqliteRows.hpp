#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Audit.hpp"
#include "domain/Case.hpp"
#include "domain/User.hpp"
#include "store/sqlite/SqliteConnection.hpp"

// Rows of SQLite's tables to and from the domain's types, for the store's reads and its write
// transactions alike.
namespace caseboard::store::sqlite {

inline constexpr std::string_view kUserColumns =
    "id, email, password_hash, created_at, role, active, source";
inline constexpr std::string_view kAuditColumns =
    "id, at, user_id, email, action, case_id, target_user, changes, session_id";

std::string sql(std::string_view before, std::string_view columns, std::string_view after);

// A case from the columns of SqliteCaseSql, in field table order from column 0.
domain::Case readCase(const Statement& row);
domain::User readUser(const Statement& row);
domain::AuditEntry readAudit(const Statement& row);
// Binds every field of c, in field table order, from parameter 1 (booleans as 0 or 1).
void bindCase(Statement& statement, const domain::Case& c);

std::optional<domain::Case> selectCase(Connection& db, const std::string& id);
std::optional<domain::User> selectUser(Connection& db, std::string_view column,
                                       const std::string& value);
std::vector<domain::AuditEntry> selectAudit(Statement& select);

// A case's entries are filed under its audit key: the id of its "create" entry, which is written
// just before the case and so is filed under no key itself. An index on the case's own id, a
// random UUID, took one more random page per create into every commit; keys only grow, so new
// entries land at the index's end. The entries of a case are its create entry and those filed
// under its key.
// The audit key of a case that exists or was deleted (its delete entries are indexed by case id).
std::optional<std::int64_t> auditKey(Connection& db, const std::string& caseId);
// Oldest first, `limit` of them (-1: all) from `offset`; none for a case that never existed.
std::vector<domain::AuditEntry> caseEntries(Connection& db, const std::string& caseId,
                                            std::int64_t limit = -1, std::int64_t offset = 0);

}  // namespace caseboard::store::sqlite
