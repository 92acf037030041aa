// The generic code over the field table: every field, whatever its type, goes the same way
// through JSON, a client's body, a patch, the audit trail, the CSV export and GET /case-fields.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <set>

#include "domain/Audit.hpp"
#include "domain/CaseCsv.hpp"
#include "domain/CaseFieldValues.hpp"
#include "domain/CaseFieldsJson.hpp"
#include "domain/CaseFilterParams.hpp"
#include "domain/CaseInput.hpp"
#include "domain/CaseJson.hpp"
#include "domain/Csv.hpp"

using namespace caseboard::domain;
namespace json = boost::json;

namespace {

// A value each stored field accepts and that no new Case{} has (x1 fits every pattern of the
// table but a UUID's); a time as the server keeps it.
json::value sample(const CaseField& field) {
    if (field.type == FieldType::Object) {
        json::object o;
        for (std::string_view key : field.keys) {
            o[key] = field.values.empty() ? "2026-01-02T03:04:05.000000Z" : field.values.back();
        }
        return o;
    }
    if (field.type == FieldType::Array) {
        return json::array{json::object{{"at", "2026-01-02T03:04:05.000000Z"},
                                        {"reason", "other"},
                                        {"note", "x1"},
                                        {"by", "a@example.org"}}};
    }
    if (!field.values.empty()) return json::string(field.values.back());
    switch (field.type) {
        case FieldType::Date:
            return "2024-02-29";
        case FieldType::Timestamp:
            return "2026-01-02T03:04:05.000000Z";
        case FieldType::Object:
        case FieldType::Array:
        case FieldType::Integer:
            return 7;
        case FieldType::Boolean:
            return true;
        case FieldType::String:
            break;
    }
    if (field.text.pattern == kUuidPattern) return "0b7e8a52-3c1d-4f6e-9a2b-5d4c3b2a1f0e";
    return "x1";
}

Case sampleCase() {
    Case c;
    for (const CaseField& field : kStoredCaseFields) setFromJson(field, sample(field), c);
    return c;
}

void expectSameCase(const Case& a, const Case& b) {
    for (const CaseField& field : kStoredCaseFields)
        EXPECT_TRUE(sameValue(field, a, b)) << field.name;
}

}  // namespace

TEST(CaseFields, EveryFieldRoundTripsThroughJson) {
    Case c = sampleCase();
    auto o = toJson(c);
    for (const CaseField& field : kStoredCaseFields) EXPECT_EQ(o.at(field.name), sample(field));
    auto back = caseFromJson(o);
    ASSERT_TRUE(back);
    expectSameCase(*back, c);
}

TEST(CaseFields, AMistypedFieldOrAMissingMandatoryOneIsNoCase) {
    for (const CaseField& field : kStoredCaseFields) {
        auto o = toJson(sampleCase());
        const bool list = field.type == FieldType::Array;
        o[field.name] = list ? json::value(json::object()) : json::value(json::array());
        EXPECT_FALSE(caseFromJson(o)) << field.name;
        o.erase(field.name);
        auto c = caseFromJson(o);
        // A snapshot from before an optional field or a list existed is a case without it.
        ASSERT_EQ(c.has_value(), field.access == FieldAccess::Optional || list) << field.name;
        if (c) {
            EXPECT_TRUE(sameValue(field, *c, Case{})) << field.name;
        }
    }
}

TEST(CaseFields, EveryWritableFieldIsReadFromABodyAndPatchedAlone) {
    for (const CaseField& field : kStoredCaseFields) {
        if (!field.writable()) continue;
        auto patch = parseCasePatch(json::object{{field.name, sample(field)}});
        ASSERT_TRUE(patch.has(field.member)) << field.name;
        Case after = patch.appliedTo(Case{});
        EXPECT_EQ(fieldJson(field, after), sample(field)) << field.name;
        EXPECT_TRUE(patch.changes(Case{})) << field.name;
        EXPECT_FALSE(patch.changes(after)) << field.name;
        for (const CaseField& other : kStoredCaseFields) {
            if (&other == &field) continue;
            EXPECT_TRUE(sameValue(other, after, Case{})) << other.name;
        }
    }
}

TEST(CaseFields, NoServerSetFieldIsReadFromABody) {
    json::object body;
    for (const CaseField& field : kCaseFields) body[field.name] = sample(field);
    auto patch = parseCasePatch(body);
    for (const CaseField& field : kStoredCaseFields) {
        EXPECT_EQ(patch.has(field.member), field.writable()) << field.name;
    }
}

TEST(CaseFields, ADraftStartsFromANewCaseAndGetsAFreshId) {
    json::object body;
    for (const CaseField& field : kCaseFields) {
        if (field.required()) body[field.name] = sample(field);
    }
    Case created = newCaseFrom(parseCaseDraft(body));
    EXPECT_EQ(created.id.size(), 36u);
    EXPECT_EQ(created.version, 1);
    for (const CaseField& field : kStoredCaseFields) {
        if (!field.writable()) continue;
        json::value expected = field.required() ? sample(field) : fieldJson(field, Case{});
        EXPECT_EQ(fieldJson(field, created), expected) << field.name;
    }
}

TEST(CaseFields, AnUpdateAuditsEachChangedFieldTheUserWrites) {
    Case before;
    Case after = sampleCase();
    auto changes = caseChanges(before, after);
    for (const CaseField& field : kStoredCaseFields) {
        bool listed = field.writable() && !sameValue(field, before, after);
        if (field.type == FieldType::Object) {
            // Each key its own entry: what a person ticked, one item at a time.
            EXPECT_FALSE(changes.contains(field.name)) << field.name;
            for (std::string_view key : field.keys) {
                auto name = std::string(field.name) + "." + std::string(key);
                ASSERT_EQ(changes.contains(name), listed) << name;
                if (!listed) continue;
                EXPECT_EQ(changes.at(name).at("before"), json::value(field.defaultValue)) << name;
                EXPECT_EQ(changes.at(name).at("after"), sample(field).at(key)) << name;
            }
            continue;
        }
        ASSERT_EQ(changes.contains(field.name), listed) << field.name;
        if (!listed) continue;
        EXPECT_EQ(changes.at(field.name).at("before"), fieldJson(field, before)) << field.name;
        EXPECT_EQ(changes.at(field.name).at("after"), sample(field)) << field.name;
    }
}

TEST(CaseFields, TheCsvHasEveryFieldInOrder) {
    std::vector<std::string> names;
    std::vector<std::string> cells;
    for (const CaseField& field : kCaseFields) {
        names.emplace_back(field.name);
        auto value = field.stored() ? sample(field) : fieldJson(field, sampleCase());
        cells.push_back(value.is_string() ? std::string(value.get_string())
                        : value.is_null() ? std::string()
                                          : json::serialize(value));
    }
    EXPECT_EQ(caseCsvHeader(), csvLine(names));
    EXPECT_EQ(caseCsvLine(sampleCase()), csvLine(cells));
}

TEST(CaseFields, GetCaseFieldsDescribesEveryFieldAndFilter) {
    auto described = caseFieldsJson();
    const auto& fields = described.at("fields").as_array();
    ASSERT_EQ(fields.size(), kCaseFieldCount);
    for (std::size_t i = 0; i < kCaseFieldCount; ++i) {
        const CaseField& field = kCaseFields[i];
        const auto& entry = fields[i].as_object();
        EXPECT_EQ(entry.size(), 12u);
        EXPECT_EQ(entry.at("computed"), !field.stored()) << field.name;
        EXPECT_EQ(entry.at("keys").is_null(), field.keys.empty()) << field.name;
        EXPECT_EQ(entry.at("name").as_string(), field.name);
        EXPECT_EQ(entry.at("nullable"), field.nullable()) << field.name;
        EXPECT_EQ(entry.at("writable"), field.writable()) << field.name;
        EXPECT_EQ(entry.at("required"), field.required()) << field.name;
        EXPECT_EQ(entry.at("values").is_null(), field.values.empty()) << field.name;
    }
    const auto& filters = described.at("filters").as_array();
    ASSERT_EQ(filters.size(), std::size(kCaseFilterParams));
    EXPECT_EQ(filters[0],
              (json::object{{"param", "name"}, {"field", "name"}, {"match", "contains"}}));
    EXPECT_EQ(filters.back(),
              (json::object{{"param", "clock"}, {"field", "clock"}, {"match", "exact"}}));
}

namespace {

// A value each parameter accepts and that differs from not giving it.
std::string sampleParam(const CaseFilterParam& param) {
    switch (param.match) {
        case FilterMatch::From:
        case FilterMatch::To:
            return "2024-02-29";
        case FilterMatch::Flag:
        case FilterMatch::Is:
            return "true";
        case FilterMatch::Session:
            return "none";
        default:
            return "7";
    }
}

}  // namespace

TEST(CaseFields, EveryFilterParameterIsReadAndMakesItsOwnKey) {
    std::set<std::string> keys{parseCaseFilter(QueryParams()).key()};
    for (const CaseFilterParam& param : kCaseFilterParams) {
        auto filter =
            parseCaseFilter(QueryParams({{std::string(param.param), sampleParam(param)}}));
        EXPECT_TRUE(keys.insert(filter.key()).second) << param.param;
    }
}
