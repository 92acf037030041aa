#include "domain/CaseFieldValues.hpp"

#include <boost/json.hpp>

#include "domain/CancellationsJson.hpp"
#include "domain/CaseClock.hpp"
#include "domain/Targets.hpp"

namespace caseboard::domain {

namespace json = boost::json;

namespace {

// The JSON of each kind of member.
struct ToJson {
    const CaseField& field;
    const Case& c;
    const json::storage_ptr& storage;

    json::value operator()(std::string Case::*member) const {
        return json::value(json::string_view(c.*member), storage);
    }
    json::value operator()(std::optional<std::string> Case::*member) const {
        if (!(c.*member)) return json::value(nullptr, storage);
        return json::value(json::string_view(*(c.*member)), storage);
    }
    json::value operator()(std::int64_t Case::*member) const {
        return json::value(c.*member, storage);
    }
    json::value operator()(std::optional<std::int64_t> Case::*member) const {
        if (!(c.*member)) return json::value(nullptr, storage);
        return json::value(*(c.*member), storage);
    }
    json::value operator()(bool Case::*member) const { return json::value(c.*member, storage); }
    // Every key of a field with values (a checklist item left pending too); only the keys held
    // of one without (the times reached so far).
    json::value operator()(FieldMap Case::*member) const {
        const FieldMap& map = c.*member;
        json::object o(storage);
        for (std::string_view key : field.keys) {
            auto held = map.find(key);
            if (held != map.end()) {
                o.emplace(key, json::string_view(held->second));
            } else if (!field.defaultValue.empty()) {
                o.emplace(key, json::string_view(field.defaultValue));
            }
        }
        return o;
    }
    json::value operator()(Cancellations Case::*member) const {
        return cancellationsJson(c.*member, storage);
    }
};

json::value timestampOrNull(const std::optional<TimePoint>& when,
                            const json::storage_ptr& storage) {
    if (!when) return json::value(nullptr, storage);
    return json::value(json::string_view(formatTimestamp(*when)), storage);
}

json::value computedJson(const CaseField& field, const Case& c, const json::storage_ptr& storage) {
    switch (field.computation) {
        case Computation::Ready:
            return json::value(isReady(c), storage);
        case Computation::DueAt: {
            auto deadline = deadlineOf(c, activeTargets());
            return timestampOrNull(deadline ? std::optional(deadline->due) : std::nullopt, storage);
        }
        case Computation::Clock: {
            auto clock = clockOf(c, activeTargets(), std::chrono::system_clock::now());
            if (!clock) return json::value(nullptr, storage);
            return json::value(json::string_view(clockName(*clock)), storage);
        }
        case Computation::None:
            break;
    }
    return json::value(nullptr, storage);
}

// The inverse of ToJson; as_string() and the like throw on a value of another type.
struct FromJson {
    const CaseField& field;
    const json::value& value;
    Case& c;

    void operator()(std::string Case::*member) const { c.*member = std::string(value.as_string()); }
    void operator()(std::optional<std::string> Case::*member) const {
        if (value.is_null()) {
            (c.*member).reset();
        } else {
            c.*member = std::string(value.as_string());
        }
    }
    void operator()(std::int64_t Case::*member) const { c.*member = value.as_int64(); }
    void operator()(std::optional<std::int64_t> Case::*member) const {
        if (value.is_null()) {
            (c.*member).reset();
        } else {
            c.*member = value.as_int64();
        }
    }
    void operator()(bool Case::*member) const { c.*member = value.as_bool(); }
    // Keys at the field's default are not kept (Case.hpp).
    void operator()(FieldMap Case::*member) const {
        FieldMap map;
        for (const auto& [key, item] : value.as_object()) {
            if (item.as_string() != field.defaultValue) {
                map.emplace(std::string(key), std::string(item.as_string()));
            }
        }
        c.*member = std::move(map);
    }
    void operator()(Cancellations Case::*member) const { c.*member = cancellationsFromJson(value); }
};

}  // namespace

json::value fieldJson(const CaseField& field, const Case& c, const json::storage_ptr& storage) {
    if (!field.stored()) return computedJson(field, c, storage);
    return std::visit(ToJson{field, c, storage}, field.member);
}

void setFromJson(const CaseField& field, const json::value& value, Case& c) {
    std::visit(FromJson{field, value, c}, field.member);
}

bool sameValue(const CaseField& field, const Case& a, const Case& b) {
    return std::visit([&](auto member) { return a.*member == b.*member; }, field.member);
}

void copyValue(const CaseField& field, const Case& from, Case& to) {
    std::visit([&](auto member) { to.*member = from.*member; }, field.member);
}

std::string_view keyValue(const CaseField& field, const FieldMap& map, std::string_view key) {
    auto held = map.find(key);
    return held != map.end() ? std::string_view(held->second) : field.defaultValue;
}

void mergeValue(const CaseField& field, const Case& patch, Case& to) {
    auto* member = std::get_if<FieldMap Case::*>(&field.member);
    if (!member) return copyValue(field, patch, to);
    FieldMap& merged = to.**member;
    for (const auto& [key, value] : patch.**member) {
        if (value == field.defaultValue) {
            merged.erase(key);
        } else {
            merged.insert_or_assign(key, value);
        }
    }
}

bool mergeChanges(const CaseField& field, const Case& patch, const Case& before) {
    auto* member = std::get_if<FieldMap Case::*>(&field.member);
    if (!member) return !sameValue(field, patch, before);
    for (const auto& [key, value] : patch.**member) {
        if (keyValue(field, before.**member, key) != value) return true;
    }
    return false;
}

}  // namespace caseboard::domain
