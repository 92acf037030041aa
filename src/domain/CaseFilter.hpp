#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/Case.hpp"
#include "domain/Date.hpp"
#include "domain/QueryParams.hpp"

namespace caseboard::domain {

// session=none: the cases awaiting a theatre list.
inline constexpr std::string_view kNotBooked = "none";

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
    std::optional<std::string> priority;            // exact
    std::optional<std::string> pathway;             // exact
    std::optional<std::string> session;             // "none" or a session's canonical id
    std::optional<int> limit;                       // 1..1000
    int offset = 0;
    // On computed fields: no store can select by them, so they are applied to what it returns.
    std::optional<bool> ready;
    std::optional<std::string> clock;  // exact

    // Equal for filters that select the same cases in the same order (a cache key).
    std::string key() const;
    // Whether a criterion is on a computed field.
    bool hasComputed() const;
    // What a store selects: every criterion but the computed ones, and, when there are any, no
    // paging (it comes after them).
    CaseFilter forStore() const;
    // Of the cases the store selected, those the computed criteria keep, then the page.
    std::vector<Case> keepComputed(std::vector<Case> cases) const;
};

// From the query string; throws ValidationError (422, loc "query") on a bad value.
CaseFilter parseCaseFilter(const QueryParams& params);

}  // namespace caseboard::domain
