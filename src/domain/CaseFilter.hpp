#pragma once

#include <optional>
#include <string>

#include "domain/Date.hpp"
#include "domain/QueryParams.hpp"

namespace caseboard::domain {

// What GET /cases/ asks for; every criterion given must hold (AND).
struct CaseFilter {
    std::optional<std::string> nameContains;        // case-insensitive substring
    std::optional<std::string> diagnosisContains;   // case-insensitive substring
    std::optional<std::string> outcome;             // exact
    std::optional<std::string> section;             // exact
    std::optional<Date> surgeryFrom;                // inclusive
    std::optional<Date> surgeryTo;                  // inclusive
    bool archived = false;                          // only archived, or only not archived
    std::optional<std::string> hospitalNumber;      // exact
    std::optional<std::string> ward;                // exact
    std::optional<std::string> consultantContains;  // case-insensitive substring
    std::optional<Date> injuryFrom;                 // inclusive
    std::optional<Date> injuryTo;                   // inclusive
    std::optional<std::string> theatreSlot;         // exact
    std::optional<int> limit;                       // 1..1000
    int offset = 0;

    // Equal for filters that select the same cases in the same order (a cache key).
    std::string key() const;
};

// From the query string; throws ValidationError (422, loc "query") on a bad value.
CaseFilter parseCaseFilter(const QueryParams& params);

}  // namespace caseboard::domain
