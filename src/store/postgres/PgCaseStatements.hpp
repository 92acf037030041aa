#pragma once

#include "domain/CaseFilter.hpp"
#include "store/postgres/PgConnection.hpp"

// The statements that read and write whole cases, written out from the field table
// (domain/CaseFields.hpp): a field's column is its name, and its parameter or result column is
// its position in the table, from $1 and from 0. A new field thus needs only its column. Their
// names are fixed, so each is prepared once per connection as the others are (PgStatements.hpp).
namespace caseboard::store::postgres {

struct PgCaseStatements {
    PgStatement selectById;           // $1: the id
    PgStatement selectByIdForUpdate;  // $1: the id
    PgStatement selectByIds;          // $1: a uuid[] of ids
    // One statement for every filter (domain/CaseFilterParams.hpp: parameter k is entry k-1),
    // in board order.
    PgStatement list;
    PgStatement insert;  // every field
    PgStatement import;  // every field; a case already there is left as it is
    PgStatement update;  // every field, the row found by its id
};

// Written once per process.
const PgCaseStatements& caseStatements();

// The parameters of caseStatements().list.
PgParams filterParams(const domain::CaseFilter& filter);

}  // namespace caseboard::store::postgres
