#pragma once

#include <string>

#include "domain/CaseFilter.hpp"
#include "store/sqlite/SqliteConnection.hpp"

// The statements that read and write whole cases, written out from the field table
// (domain/CaseFields.hpp): a field's column is its name, and its parameter or result column is
// its position in the table, from 1 and from 0. A new field thus needs only its column.
namespace caseboard::store::sqlite {

struct SqliteCaseSql {
    std::string selectById;  // ?1: the id
    // Every field, then ?N+1: the audit key (see SqliteRows.hpp).
    std::string insert;
    std::string update;  // every field, the row found by its id
    // One statement for every filter (domain/CaseFilterParams.hpp: parameter k is entry k-1),
    // in board order.
    std::string list;
};

// Written once per process: the connection's statement cache finds them by their text.
const SqliteCaseSql& caseSql();

// Binds every parameter of caseSql().list.
void bindFilter(Statement& list, const domain::CaseFilter& filter);

}  // namespace caseboard::store::sqlite
