#pragma once

#include <iterator>
#include <string_view>
#include <variant>

#include "domain/CaseFilter.hpp"

namespace caseboard::domain {

// How a query parameter selects cases.
enum class FilterMatch {
    Exact,     // the field equals the value
    Contains,  // the field holds the value, case-insensitively
    From,      // the field's date is the value or later
    To,        // the field's date is the value or earlier
    Flag,      // true or false (1 or 0)
    Limit,     // at most this many cases
    Offset,    // after skipping this many
};

// Where a parameter's value is kept in CaseFilter.
using CaseFilterMember =
    std::variant<std::optional<std::string> CaseFilter::*, std::optional<Date> CaseFilter::*,
                 bool CaseFilter::*, std::optional<int> CaseFilter::*, int CaseFilter::*>;

// One query parameter of GET /cases/ (and of the CSV export).
struct CaseFilterParam {
    std::string_view param;
    std::string_view field;  // the case field it looks at; "" for paging
    FilterMatch match;
    CaseFilterMember member;
};

// Every parameter, in the order of CaseFilter::key().
inline constexpr CaseFilterParam kCaseFilterParams[] = {
    {"name", "name", FilterMatch::Contains, &CaseFilter::nameContains},
    {"diagnosis", "diagnosis", FilterMatch::Contains, &CaseFilter::diagnosisContains},
    {"outcome", "outcome", FilterMatch::Exact, &CaseFilter::outcome},
    {"section", "section", FilterMatch::Exact, &CaseFilter::section},
    {"surgery_date_from", "surgery_date", FilterMatch::From, &CaseFilter::surgeryFrom},
    {"surgery_date_to", "surgery_date", FilterMatch::To, &CaseFilter::surgeryTo},
    {"archived", "archived", FilterMatch::Flag, &CaseFilter::archived},
    {"hospital_number", "hospital_number", FilterMatch::Exact, &CaseFilter::hospitalNumber},
    {"ward", "ward", FilterMatch::Exact, &CaseFilter::ward},
    {"consultant", "consultant", FilterMatch::Contains, &CaseFilter::consultantContains},
    {"date_of_injury_from", "date_of_injury", FilterMatch::From, &CaseFilter::injuryFrom},
    {"date_of_injury_to", "date_of_injury", FilterMatch::To, &CaseFilter::injuryTo},
    {"theatre_slot", "theatre_slot", FilterMatch::Exact, &CaseFilter::theatreSlot},
    {"limit", "", FilterMatch::Limit, &CaseFilter::limit},
    {"offset", "", FilterMatch::Offset, &CaseFilter::offset},
};

// "exact", "contains", "from", "to", "flag", "limit" or "offset".
std::string_view matchName(FilterMatch match);

}  // namespace caseboard::domain
