#include "store/postgres/PgRows.hpp"

#include <boost/json.hpp>

#include "domain/Uuid.hpp"

namespace caseboard::store::postgres {

using domain::AuditEntry;
using domain::Case;
using domain::User;

Case readCase(const PgResult& rows, int row) {
    Case c;
    c.id = rows.text(row, 0);
    c.name = rows.text(row, 1);
    c.diagnosis = rows.text(row, 2);
    c.outcome = rows.text(row, 3);
    c.section = rows.text(row, 4);
    c.surgeryDate = rows.optionalText(row, 5);
    c.orderIndex = rows.integer(row, 6);
    c.archived = rows.boolean(row, 7);
    c.createdAt = rows.text(row, 8);
    c.updatedAt = rows.text(row, 9);
    c.version = rows.integer(row, 10);
    c.hospitalNumber = rows.optionalText(row, 11);
    c.ward = rows.text(row, 12);
    c.consultant = rows.text(row, 13);
    c.dateOfInjury = rows.optionalText(row, 14);
    c.theatreSlot = rows.optionalText(row, 15);
    c.notes = rows.text(row, 16);
    return c;
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
        if (!ec && changes.is_object()) entry.changes = std::move(changes.get_object());
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
    return {c.id,
            c.name,
            c.diagnosis,
            c.outcome,
            c.section,
            c.surgeryDate,
            std::to_string(c.orderIndex),
            boolean(c.archived),
            c.createdAt,
            c.updatedAt,
            std::to_string(c.version),
            c.hospitalNumber,
            c.ward,
            c.consultant,
            c.dateOfInjury,
            c.theatreSlot,
            c.notes};
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
