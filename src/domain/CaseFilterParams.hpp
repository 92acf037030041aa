#pragma once

#include <iterator>
#include <span>
#include <string_view>
#include <variant>

#include "domain/CaseFields.hpp"
#include "domain/CaseFilter.hpp"

namespace caseboard::domain {

// How a query parameter selects cases.
enum class FilterMatch {
    Exact,     // the field equals the value
    Contains,  // the field holds the value, case-insensitively
    From,      // the field's date is the value or later
    To,        // the field's date is the value or earlier
    Flag,      // true or false (1 or 0); false when not given
    Is,        // true or false (1 or 0); either when not given
    Limit,     // at most this many cases
    Offset,    // after skipping this many
    Session,   // "none": awaiting a theatre list (not booked, not yet in theatre, not archived);
               // a session's id: booked into it
};

// Where a parameter's value is kept in CaseFilter.
using CaseFilterMember =
    std::variant<std::optional<std::string> CaseFilter::*, std::optional<Date> CaseFilter::*,
                 bool CaseFilter::*, std::optional<int> CaseFilter::*, int CaseFilter::*,
                 std::optional<bool> CaseFilter::*>;

// One query parameter of GET /cases/ (and of the CSV export).
struct CaseFilterParam {
    std::string_view param;
    std::string_view field;  // the case field it looks at; "" for paging
    FilterMatch match;
    CaseFilterMember member;
};

// Every parameter, in the order of CaseFilter::key(): those a store's SQL selects by, then those
// on computed fields.
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
    {"priority", "priority", FilterMatch::Exact, &CaseFilter::priority},
    {"pathway", "pathway", FilterMatch::Exact, &CaseFilter::pathway},
    {"session", "session_id", FilterMatch::Session, &CaseFilter::session},
    {"limit", "", FilterMatch::Limit, &CaseFilter::limit},
    {"offset", "", FilterMatch::Offset, &CaseFilter::offset},
    {"ready", "ready", FilterMatch::Is, &CaseFilter::ready},
    {"clock", "clock", FilterMatch::Exact, &CaseFilter::clock},
};

// Whether a parameter looks at a computed field.
constexpr bool onComputedField(const CaseFilterParam& param) {
    // By position, not pointer: see caseFieldPosition.
    const std::size_t position =
        param.field.empty() ? kCaseFieldCount : caseFieldPosition(param.field);
    return position < kCaseFieldCount && !kCaseFields[position].stored();
}

// How many parameters a store's SQL takes: they come first (CaseFilterParams.cpp checks it).
constexpr std::size_t sqlFilterParamCount() {
    std::size_t count = 0;
    while (count < std::size(kCaseFilterParams) && !onComputedField(kCaseFilterParams[count])) {
        ++count;
    }
    return count;
}
inline constexpr std::span<const CaseFilterParam> kSqlFilterParams(kCaseFilterParams,
                                                                   sqlFilterParamCount());

// "exact", "contains", "from", "to", "flag", "is", "limit", "offset" or "session".
std::string_view matchName(FilterMatch match);

}  // namespace caseboard::domain
