#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/Audit.hpp"
#include "domain/Case.hpp"
#include "domain/User.hpp"
#include "store/postgres/PgConnection.hpp"

// Rows of PostgreSQL's tables to and from the domain's types, in text form, for the store's
// reads and its write transactions alike.
namespace caseboard::store::postgres {

// A case from the columns of PgCaseStatements, in field table order from column 0.
domain::Case readCase(const PgResult& rows, int row);
domain::User readUser(const PgResult& rows, int row);
// Each entry's changes in the order SQLite keeps them (see PgRows.cpp).
std::vector<domain::AuditEntry> readAudit(const PgResult& rows);
std::optional<domain::Case> firstCase(const PgResult& rows);
std::optional<domain::User> firstUser(const PgResult& rows);

// Whether text can name a row by id: the id columns are uuid, and PostgreSQL refuses any other
// text as one (an error, where the lookup of an unknown id finds nothing).
bool isId(const std::string& text);
const char* boolean(bool value);
PgParams userParams(const domain::User& user);
// Every field, in field table order (for inserts and for updates by id alike).
PgParams caseParams(const domain::Case& c);
// A text[] literal: {"a","b"}, each element quoted and escaped.
std::string textArray(const std::vector<std::string>& items);

}  // namespace caseboard::store::postgres
