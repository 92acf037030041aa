#include "domain/CaseFilter.hpp"

#include "domain/CaseFilterParams.hpp"
#include "domain/QueryReader.hpp"

namespace caseboard::domain {

namespace {

constexpr int kLimitMax = 1000;
constexpr int kOffsetMax = 1'000'000'000;

// Length-prefixed, so that no value can imitate a separator.
std::string keyPart(const std::optional<std::string>& value) {
    return value ? std::to_string(value->size()) + ":" + *value : "-";
}

// One parameter's part of the key, from the member it is kept in.
struct KeyPart {
    const CaseFilter& filter;

    std::string operator()(std::optional<std::string> CaseFilter::*member) const {
        return keyPart(filter.*member);
    }
    std::string operator()(std::optional<Date> CaseFilter::*member) const {
        const auto& date = filter.*member;
        return keyPart(date ? std::optional<std::string>(date->str()) : std::nullopt);
    }
    std::string operator()(bool CaseFilter::*member) const { return filter.*member ? "a" : "n"; }
    std::string operator()(std::optional<int> CaseFilter::*member) const {
        const auto& number = filter.*member;
        return number ? std::to_string(*number) : "-";
    }
    std::string operator()(int CaseFilter::*member) const { return std::to_string(filter.*member); }
};

// The member `param` is kept in (CaseFilterParams.cpp checks that its type fits the match).
template <typename Value>
Value& memberOf(CaseFilter& filter, const CaseFilterParam& param) {
    return filter.*std::get<Value CaseFilter::*>(param.member);
}

// Reads one parameter into its member, as its match needs it.
void read(const CaseFilterParam& param, QueryReader& reader, CaseFilter& filter) {
    switch (param.match) {
        case FilterMatch::Exact:
        case FilterMatch::Contains:
            memberOf<std::optional<std::string>>(filter, param) = reader.text(param.param);
            return;
        case FilterMatch::From:
        case FilterMatch::To:
            memberOf<std::optional<Date>>(filter, param) = reader.date(param.param);
            return;
        case FilterMatch::Flag:
            memberOf<bool>(filter, param) = reader.boolean(param.param, false);
            return;
        case FilterMatch::Limit:
            memberOf<std::optional<int>>(filter, param) = reader.integer(param.param, 1, kLimitMax);
            return;
        case FilterMatch::Offset:
            memberOf<int>(filter, param) = reader.integer(param.param, 0, kOffsetMax).value_or(0);
            return;
    }
}

}  // namespace

std::string CaseFilter::key() const {
    std::string key;
    for (const CaseFilterParam& param : kCaseFilterParams) {
        key += std::visit(KeyPart{*this}, param.member);
        key += '|';
    }
    key.pop_back();
    return key;
}

CaseFilter parseCaseFilter(const QueryParams& params) {
    QueryReader reader(params);
    CaseFilter filter;
    for (const CaseFilterParam& param : kCaseFilterParams) read(param, reader, filter);
    reader.throwIfFailed();
    return filter;
}

}  // namespace caseboard::domain
