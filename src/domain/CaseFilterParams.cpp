#include "domain/CaseFilterParams.hpp"

#include "domain/CaseFields.hpp"

namespace caseboard::domain {

namespace {

template <typename Value>
constexpr bool keeps(const CaseFilterParam& param) {
    return std::holds_alternative<Value CaseFilter::*>(param.member);
}

// parseCaseFilter reads each match into the member of its type.
constexpr bool fitsItsMember(const CaseFilterParam& param) {
    switch (param.match) {
        case FilterMatch::Exact:
        case FilterMatch::Contains:
        case FilterMatch::Session:
            return keeps<std::optional<std::string>>(param);
        case FilterMatch::From:
        case FilterMatch::To:
            return keeps<std::optional<Date>>(param);
        case FilterMatch::Flag:
            return keeps<bool>(param);
        case FilterMatch::Is:
            return keeps<std::optional<bool>>(param);
        case FilterMatch::Limit:
            return keeps<std::optional<int>>(param);
        case FilterMatch::Offset:
            return keeps<int>(param);
    }
    return false;
}

constexpr bool paramsAreConsistent() {
    for (const CaseFilterParam& param : kCaseFilterParams) {
        if (!fitsItsMember(param)) return false;
        if (!param.field.empty() && caseFieldPosition(param.field) == kCaseFieldCount) return false;
    }
    return true;
}

// What a store selects by comes first, so that its SQL numbers them as the table does.
constexpr bool computedParamsComeLast() {
    for (std::size_t i = kSqlFilterParams.size(); i < std::size(kCaseFilterParams); ++i) {
        if (!onComputedField(kCaseFilterParams[i])) return false;
    }
    return true;
}

// A computed field is matched in memory (CaseFilter::keepComputed): exactly or as a flag.
constexpr bool computedParamsMatchSimply() {
    for (std::size_t i = kSqlFilterParams.size(); i < std::size(kCaseFilterParams); ++i) {
        auto match = kCaseFilterParams[i].match;
        if (match != FilterMatch::Exact && match != FilterMatch::Is) return false;
    }
    return true;
}

static_assert(paramsAreConsistent(), "a filter parameter names no case field or the wrong member");
static_assert(computedParamsComeLast(), "a filter on a stored field comes after a computed one");
static_assert(computedParamsMatchSimply(), "a filter on a computed field matches in a new way");

}  // namespace

std::string_view matchName(FilterMatch match) {
    switch (match) {
        case FilterMatch::Exact:
            return "exact";
        case FilterMatch::Contains:
            return "contains";
        case FilterMatch::From:
            return "from";
        case FilterMatch::To:
            return "to";
        case FilterMatch::Flag:
            return "flag";
        case FilterMatch::Is:
            return "is";
        case FilterMatch::Limit:
            return "limit";
        case FilterMatch::Offset:
            return "offset";
        case FilterMatch::Session:
            return "session";
    }
    return "exact";
}

}  // namespace caseboard::domain
