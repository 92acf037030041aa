#include "domain/CaseFieldsJson.hpp"

#include <boost/json.hpp>

#include "domain/CaseFields.hpp"
#include "domain/CaseFilterParams.hpp"

namespace caseboard::domain {

namespace json = boost::json;

namespace {

json::value orNull(std::string_view text) {
    if (text.empty()) return nullptr;
    return json::string(text);
}

json::value listOrNull(std::span<const std::string_view> list) {
    if (list.empty()) return nullptr;
    json::array values;
    for (std::string_view value : list) values.emplace_back(value);
    return values;
}

json::object describe(const CaseField& field) {
    json::value maxLength = nullptr;
    if (field.text.maxLength) maxLength = static_cast<std::uint64_t>(*field.text.maxLength);
    return {{"name", field.name},
            {"label", field.label},
            {"type", typeName(field.type)},
            {"nullable", field.nullable()},
            {"writable", field.writable()},
            {"required", field.required()},
            {"max_length", maxLength},
            {"pattern", orNull(field.text.pattern)},
            {"values", listOrNull(field.values)},
            {"keys", listOrNull(field.keys)},
            {"default", orNull(field.defaultValue)},
            {"computed", !field.stored()}};
}

json::object describe(const CaseFilterParam& param) {
    return {
        {"param", param.param}, {"field", orNull(param.field)}, {"match", matchName(param.match)}};
}

}  // namespace

json::object caseFieldsJson() {
    json::array fields;
    for (const CaseField& field : kCaseFields) fields.push_back(describe(field));
    json::array filters;
    for (const CaseFilterParam& param : kCaseFilterParams) filters.push_back(describe(param));
    return {{"fields", std::move(fields)}, {"filters", std::move(filters)}};
}

}  // namespace caseboard::domain
