#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/CaseFields.hpp"
#include "domain/CaseFilterParams.hpp"

// The SQL of the statements that read and write whole cases, written once for every store from
// the field table (domain/CaseFields.hpp) and the filter table (domain/CaseFilterParams.hpp): a
// field's column is its name, and its parameter or result column its position in the table. A
// new field thus needs only its column. Each store says how its SQL spells the few things that
// differ (SqlDialect).
namespace caseboard::store {

// How one store's SQL spells a placeholder, a column read or written, and a substring match.
struct SqlDialect {
    // Parameter `number` (from 1): "?3", "$3".
    std::string (*parameter)(std::size_t number);
    // What a SELECT lists for the field (its column, or the column formatted as the API writes
    // it).
    std::string (*readColumn)(const domain::CaseField& field);
    // The value an INSERT or UPDATE writes from parameter `number`.
    std::string (*writtenValue)(const domain::CaseField& field, std::size_t number);
    // The value a filter's criterion compares with, from parameter `number`.
    std::string (*filterValue)(const domain::CaseFilterParam& param, std::size_t number);
    // "column holds value, case-insensitively, without wildcards".
    std::string (*contains)(const std::string& column, const std::string& value);
    // The LIMIT clause for a limit that is NULL when there is none.
    std::string (*limit)(const std::string& value);
};

// Every field's column as the dialect reads it, in table order.
std::string caseSelectList(const SqlDialect& dialect);
// Every field from parameters 1..N, then extraColumn (if any) from N+1.
std::string caseInsert(const SqlDialect& dialect, std::string_view extraColumn = {});
// Every field but the id from its parameter, the row found by the id's.
std::string caseUpdate(const SqlDialect& dialect);
// One statement for every filter (parameter k is filter table entry k-1): a criterion left NULL
// matches everything, a case with no value never matches a bound; in board order.
std::string caseList(const SqlDialect& dialect, const std::string& selectList);

}  // namespace caseboard::store
