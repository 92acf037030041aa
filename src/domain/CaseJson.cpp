#include "domain/CaseJson.hpp"

#include "domain/CaseFieldValues.hpp"

namespace caseboard::domain {

boost::json::object toJson(const Case& c, boost::json::storage_ptr storage) {
    boost::json::object o(storage);
    o.reserve(kCaseFieldCount);
    for (const CaseField& field : kCaseFields) o.emplace(field.name, fieldJson(field, c, storage));
    return o;
}

std::optional<Case> caseFromJson(const boost::json::object& o) {
    try {
        Case c;
        for (const CaseField& field : kStoredCaseFields) {
            const auto* value = o.if_contains(field.name);
            if (value) {
                setFromJson(field, *value, c);
            } else if (field.access != FieldAccess::Optional && field.type != FieldType::Array) {
                return std::nullopt;
            }
        }
        return c;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

boost::json::object toJson(const User& u) {
    return {{"id", u.id},
            {"email", u.email},
            {"created_at", u.createdAt},
            {"role", roleName(u.role)},
            {"active", u.active},
            {"source", sourceName(u.source)}};
}

}  // namespace caseboard::domain
