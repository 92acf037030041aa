#include "store/postgres/PgRows.hpp"

#include <boost/json.hpp>

#include <cstdint>
#include <type_traits>
#include <variant>

#include "domain/CaseFields.hpp"
#include "domain/Uuid.hpp"
#include "store/CaseRow.hpp"

namespace caseboard::store::postgres {

using domain::AuditEntry;
using domain::Case;
using domain::User;

namespace {

// jsonb keeps an object's keys in an order of its own: a case's changes are put back in the
// field table's order, as SQLite keeps them, so that both stores list an edit alike. Keys that
// are no case field (a user's changes) follow in the order read.
boost::json::object inFieldOrder(boost::json::object& changes) {
    boost::json::object ordered(changes.storage());
    ordered.reserve(changes.size());
    auto take = [&](const std::string& key) {
        if (auto found = changes.find(key); found != changes.end()) {
            ordered.emplace(key, std::move(found->value()));
        }
    };
    for (const auto& field : domain::kStoredCaseFields) {
        take(std::string(field.name));
        // An object's keys, each its own change (domain/Audit.cpp), in the order of its keys.
        for (std::string_view key : field.keys)
            take(std::string(field.name) + "." + std::string(key));
    }
    for (auto& [key, value] : changes) {
        if (!ordered.contains(key)) ordered.emplace(key, std::move(value));
    }
    return ordered;
}

// One row of a result, as caseFromRow reads it.
struct PgRow {
    const PgResult& rows;
    int row;
    std::string text(int column) const { return rows.text(row, column); }
    std::optional<std::string> optionalText(int column) const {
        return rows.optionalText(row, column);
    }
    bool boolean(int column) const { return rows.boolean(row, column); }
    std::int64_t integer(int column) const { return rows.integer(row, column); }
    std::optional<std::int64_t> optionalInteger(int column) const {
        if (rows.isNull(row, column)) return std::nullopt;
        return rows.integer(row, column);
    }
};

}  // namespace

Case readCase(const PgResult& rows, int row) {
    return caseFromRow(PgRow{rows, row});
}

User readUser(const PgResult& rows, int row) {
    User user{rows.text(row, 0), rows.text(row, 1), rows.text(row, 2), rows.text(row, 3)};
    user.role = domain::parseRole(rows.text(row, 4)).value_or(domain::Role::Pending);
    user.active = rows.boolean(row, 5);
    user.source = domain::parseSource(rows.text(row, 6));
    return user;
}

std::vector<AuditEntry> readAudit(const PgResult& rows) {
    std::vector<AuditEntry> entries;
    for (int row = 0; row < rows.rows(); ++row) {
        AuditEntry entry;
        entry.id = rows.integer(row, 0);
        entry.at = rows.text(row, 1);
        entry.userId = rows.text(row, 2);
        entry.email = rows.text(row, 3);
        entry.action = rows.text(row, 4);
        entry.caseId = rows.optionalText(row, 5);
        entry.targetUser = rows.optionalText(row, 6);
        boost::system::error_code ec;
        auto changes = boost::json::parse(rows.text(row, 7), ec);
        if (!ec && changes.is_object()) entry.changes = inFieldOrder(changes.get_object());
        entry.sessionId = rows.optionalText(row, 8);
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::optional<Case> firstCase(const PgResult& rows) {
    if (rows.empty()) return std::nullopt;
    return readCase(rows, 0);
}

std::optional<User> firstUser(const PgResult& rows) {
    if (rows.empty()) return std::nullopt;
    return readUser(rows, 0);
}

bool isId(const std::string& text) {
    return domain::canonicalUuid(text).has_value();
}

const char* boolean(bool value) {
    return value ? "true" : "false";
}

PgParams userParams(const User& user) {
    return {user.id,
            user.email,
            user.passwordHash,
            user.createdAt,
            std::string(domain::roleName(user.role)),
            boolean(user.active),
            std::string(domain::sourceName(user.source))};
}

PgParams caseParams(const Case& c) {
    PgParams params;
    params.reserve(domain::kStoredCaseFieldCount);
    for (const auto& field : domain::kStoredCaseFields) {
        std::visit(
            [&](auto member) {
                const auto& value = c.*member;
                using Value = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<Value, bool>) {
                    params.emplace_back(boolean(value));
                } else if constexpr (std::is_same_v<Value, std::int64_t>) {
                    params.emplace_back(std::to_string(value));
                } else if constexpr (std::is_same_v<Value, std::optional<std::int64_t>>) {
                    params.emplace_back(value ? PgValue(std::to_string(*value)) : std::nullopt);
                } else if constexpr (std::is_same_v<Value, domain::FieldMap>) {
                    params.emplace_back(domain::fieldMapText(value));
                } else if constexpr (std::is_same_v<Value, domain::Cancellations>) {
                    params.emplace_back(domain::cancellationsText(value));
                } else {
                    params.emplace_back(value);
                }
            },
            field.member);
    }
    return params;
}

std::string textArray(const std::vector<std::string>& items) {
    std::string out = "{";
    for (const auto& item : items) {
        if (out.size() > 1) out += ',';
        out += '"';
        for (char c : item) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    out += '}';
    return out;
}

}  // namespace caseboard::store::postgres
