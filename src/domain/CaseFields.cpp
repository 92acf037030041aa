#include "domain/CaseFields.hpp"

namespace caseboard::domain {

namespace {

constexpr bool namesAreUnique() {
    for (std::size_t i = 0; i < kCaseFieldCount; ++i) {
        if (findCaseField(kCaseFields[i].name) != &kCaseFields[i]) return false;
    }
    return true;
}

// A client's null must be able to reach a field that can hold null, and only such a field may
// hold null without the client asking for it.
constexpr bool nullMeansClearForNullableFields() {
    for (const CaseField& field : kCaseFields) {
        if (field.writable() && field.nullable() && field.onNull != OnNull::Clears) return false;
    }
    return true;
}

// No client writes a timestamp yet: CaseInput reads no such value.
constexpr bool timestampsAreServerSet() {
    for (const CaseField& field : kCaseFields) {
        if (field.writable() && field.type == FieldType::Timestamp) return false;
    }
    return true;
}

static_assert(namesAreUnique(), "two case fields share a name");
static_assert(nullMeansClearForNullableFields(), "a nullable case field does not clear on null");
static_assert(timestampsAreServerSet(), "a writable timestamp needs a reader in CaseInput");

}  // namespace

std::string_view typeName(FieldType type) {
    switch (type) {
        case FieldType::String:
            return "string";
        case FieldType::Integer:
            return "integer";
        case FieldType::Boolean:
            return "boolean";
        case FieldType::Date:
            return "date";
        case FieldType::Timestamp:
            return "timestamp";
    }
    return "string";
}

}  // namespace caseboard::domain
