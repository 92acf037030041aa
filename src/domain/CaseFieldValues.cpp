#include "domain/CaseFieldValues.hpp"

#include <boost/json.hpp>

namespace caseboard::domain {

namespace json = boost::json;

namespace {

// The JSON of each kind of member.
struct ToJson {
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
    json::value operator()(bool Case::*member) const { return json::value(c.*member, storage); }
};

// The inverse of ToJson; as_string() and the like throw on a value of another type.
struct FromJson {
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
    void operator()(bool Case::*member) const { c.*member = value.as_bool(); }
};

}  // namespace

json::value fieldJson(const CaseField& field, const Case& c, const json::storage_ptr& storage) {
    return std::visit(ToJson{c, storage}, field.member);
}

void setFromJson(const CaseField& field, const json::value& value, Case& c) {
    std::visit(FromJson{value, c}, field.member);
}

bool sameValue(const CaseField& field, const Case& a, const Case& b) {
    return std::visit([&](auto member) { return a.*member == b.*member; }, field.member);
}

void copyValue(const CaseField& field, const Case& from, Case& to) {
    std::visit([&](auto member) { to.*member = from.*member; }, field.member);
}

}  // namespace caseboard::domain
