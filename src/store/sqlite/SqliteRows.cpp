#include "store/sqlite/SqliteRows.hpp"

#include <boost/json.hpp>

#include <type_traits>
#include <variant>

#include "domain/CancellationsJson.hpp"
#include "domain/CaseFields.hpp"
#include "store/CaseRow.hpp"
#include "store/sqlite/SqliteCaseSql.hpp"

namespace caseboard::store::sqlite {

using domain::AuditEntry;
using domain::Case;
using domain::User;

std::string sql(std::string_view before, std::string_view columns, std::string_view after) {
    return std::string(before) + std::string(columns) + std::string(after);
}

namespace {
// SQLite keeps a flag as 0 or 1.
struct SqliteRow {
    const Statement& statement;
    std::string text(int column) const { return statement.text(column); }
    std::optional<std::string> optionalText(int column) const {
        return statement.optionalText(column);
    }
    bool boolean(int column) const { return statement.integer(column) != 0; }
    std::int64_t integer(int column) const { return statement.integer(column); }
    std::optional<std::int64_t> optionalInteger(int column) const {
        if (!statement.optionalText(column)) return std::nullopt;
        return statement.integer(column);
    }
};
}  // namespace

Case readCase(const Statement& row) {
    return caseFromRow(SqliteRow{row});
}

User readUser(const Statement& row) {
    User user{row.text(0), row.text(1), row.text(2), row.text(3)};
    user.role = domain::parseRole(row.text(4)).value_or(domain::Role::Pending);
    user.active = row.integer(5) != 0;
    user.source = domain::parseSource(row.text(6));
    return user;
}

AuditEntry readAudit(const Statement& row) {
    AuditEntry entry;
    entry.id = row.integer(0);
    entry.at = row.text(1);
    entry.userId = row.text(2);
    entry.email = row.text(3);
    entry.action = row.text(4);
    entry.caseId = row.optionalText(5);
    entry.targetUser = row.optionalText(6);
    boost::system::error_code ec;
    auto changes = boost::json::parse(row.text(7), ec);
    if (!ec && changes.is_object()) entry.changes = std::move(changes.get_object());
    entry.sessionId = row.optionalText(8);
    return entry;
}

std::optional<Case> selectCase(Connection& db, const std::string& id) {
    auto select = db.prepare(caseSql().selectById);
    select.bind(1, id);
    if (!select.step()) return std::nullopt;
    return readCase(select);
}

std::optional<User> selectUser(Connection& db, std::string_view column, const std::string& value) {
    auto select = db.prepare(sql("SELECT ", kUserColumns, " FROM users WHERE ") +
                             std::string(column) + " = ?1");
    select.bind(1, value);
    if (!select.step()) return std::nullopt;
    return readUser(select);
}

void bindCase(Statement& statement, const Case& c) {
    int parameter = 0;
    for (const auto& field : domain::kStoredCaseFields) {
        ++parameter;
        std::visit(
            [&](auto member) {
                const auto& value = c.*member;
                using Value = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<Value, bool>) {
                    statement.bind(parameter, std::int64_t{value});
                } else if constexpr (std::is_same_v<Value, domain::FieldMap>) {
                    statement.bind(parameter, domain::fieldMapText(value));
                } else if constexpr (std::is_same_v<Value, domain::Cancellations>) {
                    statement.bind(parameter, domain::cancellationsText(value));
                } else if constexpr (std::is_same_v<Value, std::optional<std::int64_t>>) {
                    if (value) {
                        statement.bind(parameter, *value);
                    } else {
                        statement.bindNull(parameter);
                    }
                } else {
                    statement.bind(parameter, value);
                }
            },
            field.member);
    }
}

std::vector<AuditEntry> selectAudit(Statement& select) {
    std::vector<AuditEntry> entries;
    while (select.step()) entries.push_back(readAudit(select));
    return entries;
}

std::optional<std::int64_t> auditKey(Connection& db, const std::string& caseId) {
    auto select = db.prepare(
        "SELECT audit_key FROM cases WHERE id = ?1"
        " UNION ALL SELECT case_key FROM audit WHERE case_id = ?1 AND action = 'delete' LIMIT 1");
    select.bind(1, caseId);
    if (!select.step()) return std::nullopt;
    return select.integer(0);
}

std::vector<AuditEntry> caseEntries(Connection& db, const std::string& caseId, std::int64_t limit,
                                    std::int64_t offset) {
    auto key = auditKey(db, caseId);
    if (!key) return {};
    auto select = db.prepare(sql("SELECT ", kAuditColumns,
                                 " FROM audit WHERE id = ?1 OR case_key = ?1 ORDER BY id"
                                 " LIMIT ?2 OFFSET ?3"));
    select.bind(1, *key).bind(2, limit).bind(3, offset);
    return selectAudit(select);
}

}  // namespace caseboard::store::sqlite
