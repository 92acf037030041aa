#include "domain/CaseFilter.hpp"

#include <boost/json/value.hpp>

#include "domain/CaseFieldValues.hpp"
#include "domain/CaseFilterParams.hpp"
#include "domain/QueryReader.hpp"
#include "domain/Uuid.hpp"

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
    std::string operator()(std::optional<bool> CaseFilter::*member) const {
        const auto& flag = filter.*member;
        return flag ? (*flag ? "a" : "n") : "-";
    }
};

// The member `param` is kept in (CaseFilterParams.cpp checks that its type fits the match).
template <typename Value>
Value& memberOf(CaseFilter& filter, const CaseFilterParam& param) {
    return filter.*std::get<Value CaseFilter::*>(param.member);
}

// "none", or a session's id in its canonical form (the one the stores keep).
std::optional<std::string> sessionCriterion(std::string_view name, QueryReader& reader) {
    auto value = reader.raw(name);
    if (!value || *value == kNotBooked) return value;
    if (auto id = canonicalUuid(*value)) return id;
    reader.fail(name, "Input should be 'none' or a session's id", "session_filter");
    return std::nullopt;
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
        case FilterMatch::Is:
            if (reader.raw(param.param)) {
                memberOf<std::optional<bool>>(filter, param) = reader.boolean(param.param, false);
            }
            return;
        case FilterMatch::Limit:
            memberOf<std::optional<int>>(filter, param) = reader.integer(param.param, 1, kLimitMax);
            return;
        case FilterMatch::Offset:
            memberOf<int>(filter, param) = reader.integer(param.param, 0, kOffsetMax).value_or(0);
            return;
        case FilterMatch::Session:
            memberOf<std::optional<std::string>>(filter, param) =
                sessionCriterion(param.param, reader);
            return;
    }
}

// Whether a computed criterion, if given, holds for the case's value of its field now.
bool keeps(const CaseFilter& filter, const CaseFilterParam& param, const Case& c) {
    auto value = fieldJson(*findCaseField(param.field), c);
    return std::visit(
        [&](auto member) {
            const auto& wanted = filter.*member;
            using Wanted = std::decay_t<decltype(wanted)>;
            if constexpr (std::is_same_v<Wanted, std::optional<bool>>) {
                return !wanted || (value.is_bool() && value.get_bool() == *wanted);
            } else if constexpr (std::is_same_v<Wanted, std::optional<std::string>>) {
                return !wanted || (value.is_string() && value.get_string() == *wanted);
            } else {
                return true;  // CaseFilterParams.cpp allows no other kind here
            }
        },
        param.member);
}

}  // namespace

bool CaseFilter::hasComputed() const {
    for (std::size_t i = kSqlFilterParams.size(); i < std::size(kCaseFilterParams); ++i) {
        bool given = std::visit(
            [&](auto member) {
                const auto& value = this->*member;
                using Value = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<Value, std::optional<bool>> ||
                              std::is_same_v<Value, std::optional<std::string>>) {
                    return value.has_value();
                } else {
                    return false;
                }
            },
            kCaseFilterParams[i].member);
        if (given) return true;
    }
    return false;
}

CaseFilter CaseFilter::forStore() const {
    CaseFilter store = *this;
    if (hasComputed()) {
        store.limit.reset();
        store.offset = 0;
    }
    return store;
}

std::vector<Case> CaseFilter::keepComputed(std::vector<Case> cases) const {
    std::vector<Case> kept;
    std::size_t skipped = 0;
    for (auto& c : cases) {
        bool match = true;
        for (std::size_t i = kSqlFilterParams.size(); i < std::size(kCaseFilterParams); ++i) {
            match = match && keeps(*this, kCaseFilterParams[i], c);
        }
        if (!match) continue;
        if (skipped < static_cast<std::size_t>(offset)) {
            ++skipped;
            continue;
        }
        if (limit && kept.size() >= static_cast<std::size_t>(*limit)) break;
        kept.push_back(std::move(c));
    }
    return kept;
}

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
