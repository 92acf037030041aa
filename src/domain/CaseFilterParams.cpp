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
            return keeps<std::optional<std::string>>(param);
        case FilterMatch::From:
        case FilterMatch::To:
            return keeps<std::optional<Date>>(param);
        case FilterMatch::Flag:
            return keeps<bool>(param);
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

static_assert(paramsAreConsistent(), "a filter parameter names no case field or the wrong member");

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
        case FilterMatch::Limit:
            return "limit";
        case FilterMatch::Offset:
            return "offset";
    }
    return "exact";
}

}  // namespace caseboard::domain
