// The OpenAPI document is written by hand; these tests hold it to the field table, so that a field
// added, renamed or given a new rule in one and not the other fails here.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/EmbeddedFiles.hpp"
#include "domain/CaseFields.hpp"

using namespace caseboard;
using domain::CaseField;
using domain::FieldType;
namespace json = boost::json;

namespace {

json::object schema(std::string_view name) {
    for (const auto& file : embedded::all()) {
        if (file.path != "/openapi.json") continue;
        return json::parse(file.bytes).at("components").at("schemas").at(name).as_object();
    }
    ADD_FAILURE() << "openapi.json is not embedded";
    return {};
}

json::string jsonType(FieldType type) {
    switch (type) {
        case FieldType::Integer:
            return "integer";
        case FieldType::Boolean:
            return "boolean";
        case FieldType::Object:
            return "object";
        case FieldType::Array:
            return "array";
        default:
            return "string";
    }
}

// {"type": "string"}, {"type": ["string", "null"]} or {"enum": ["am", "pm", null]}.
json::object typeOf(const CaseField& field, bool nullable) {
    if (!field.values.empty() && field.type != FieldType::Object) {
        json::array values(field.values.begin(), field.values.end());
        if (nullable) values.emplace_back(nullptr);
        return {{"enum", values}};
    }
    if (nullable) return {{"type", json::array{jsonType(field.type), "null"}}};
    return {{"type", jsonType(field.type)}};
}

json::value formatOf(const CaseField& field) {
    if (field.type == FieldType::Date) return "date";
    if (field.type == FieldType::Timestamp) return "date-time";
    return nullptr;
}

json::value at(const json::object& property, std::string_view key) {
    const json::value* value = property.if_contains(key);
    return value ? *value : json::value(nullptr);
}

void expectSameType(const json::object& property, const CaseField& field, bool nullable) {
    for (const auto& [key, value] : typeOf(field, nullable)) {
        EXPECT_EQ(at(property, key), value) << field.name;
    }
    // "id" is a uuid: only a date or a time must say so.
    if (!formatOf(field).is_null()) {
        EXPECT_EQ(at(property, "format"), formatOf(field)) << field.name;
    }
}

// What a request schema says of a field a client writes.
void expectSameRules(const json::object& property, const CaseField& field) {
    expectSameType(property, field, field.onNull == domain::OnNull::Clears);
    json::value maxLength = nullptr;
    if (field.text.maxLength) maxLength = static_cast<std::int64_t>(*field.text.maxLength);
    EXPECT_EQ(at(property, "maxLength"), maxLength) << field.name;
    json::value minLength = nullptr;
    if (field.text.minLength > 0) minLength = static_cast<std::int64_t>(field.text.minLength);
    EXPECT_EQ(at(property, "minLength"), minLength) << field.name;
    json::value pattern = nullptr;
    if (!field.text.pattern.empty()) pattern = json::string(field.text.pattern);
    EXPECT_EQ(at(property, "pattern"), pattern) << field.name;
    EXPECT_EQ(at(property, "minimum"), field.range ? json::value(field.range->min) : nullptr)
        << field.name;
    EXPECT_EQ(at(property, "maximum"), field.range ? json::value(field.range->max) : nullptr)
        << field.name;
}

std::vector<std::string> keysOf(const json::object& object) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : object) keys.emplace_back(key);
    return keys;
}

std::vector<std::string> namesOf(const json::value& list) {
    std::vector<std::string> names;
    for (const auto& name : list.as_array()) names.emplace_back(name.as_string());
    return names;
}

template <typename Predicate>
std::vector<std::string> fieldNames(Predicate select) {
    std::vector<std::string> names;
    for (const CaseField& field : domain::kCaseFields) {
        if (select(field)) names.emplace_back(field.name);
    }
    return names;
}

void expectRequestSchema(const json::object& request) {
    auto writable = fieldNames([](const CaseField& field) { return field.writable(); });
    ASSERT_EQ(keysOf(request.at("properties").as_object()), writable);
    for (const CaseField& field : domain::kCaseFields) {
        if (!field.writable()) continue;
        expectSameRules(request.at("properties").at(field.name).as_object(), field);
    }
}

}  // namespace

TEST(CaseFieldsOpenApi, TheCaseSchemaHasEveryFieldWithItsType) {
    auto c = schema("Case");
    auto all = fieldNames([](const CaseField&) { return true; });
    EXPECT_EQ(namesOf(c.at("required")), all);
    ASSERT_EQ(keysOf(c.at("properties").as_object()), all);
    for (const CaseField& field : domain::kCaseFields) {
        expectSameType(c.at("properties").at(field.name).as_object(), field, field.nullable());
    }
}

TEST(CaseFieldsOpenApi, TheCreateSchemaHasEveryWritableFieldWithItsRules) {
    auto create = schema("CaseCreate");
    auto required = fieldNames([](const CaseField& field) { return field.required(); });
    EXPECT_EQ(namesOf(create.at("required")), required);
    expectRequestSchema(create);
}

TEST(CaseFieldsOpenApi, ThePatchSchemaHasEveryWritableFieldWithItsRules) {
    auto patch = schema("CasePatch");
    EXPECT_FALSE(patch.contains("required"));
    expectRequestSchema(patch);
}
