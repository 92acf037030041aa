#include "domain/CaseFields.hpp"

namespace caseboard::domain {

namespace {

constexpr bool namesAreUnique() {
    for (std::size_t i = 0; i < kCaseFieldCount; ++i) {
        if (caseFieldPosition(kCaseFields[i].name) != i) return false;
    }
    return true;
}

// A client clears a field that can hold null by sending null, as the OpenAPI document says.
constexpr bool nullMeansClearForNullableFields() {
    for (const CaseField& field : kCaseFields) {
        if (field.writable() && field.nullable() && field.onNull != OnNull::Clears) return false;
    }
    return true;
}

// The stores' columns and CasePatch's bits follow the stored fields' positions.
constexpr bool computedFieldsComeLast() {
    for (std::size_t i = kStoredCaseFieldCount; i < kCaseFieldCount; ++i) {
        if (kCaseFields[i].stored()) return false;
    }
    return true;
}

// Exactly the computed fields say how they are worked out.
constexpr bool computedFieldsSayHow() {
    for (const CaseField& field : kCaseFields) {
        if (field.stored() != (field.computation == Computation::None)) return false;
    }
    return true;
}

template <typename Value>
constexpr bool keeps(const CaseField& field) {
    return std::holds_alternative<Value Case::*>(field.member);
}

// CaseBodyReader and CaseFieldValues take each type from its one kind of member, and a client
// writes an integer only within a range.
constexpr bool fitsItsMember(const CaseField& field) {
    if (!field.stored()) return true;  // no member: worked out, never kept
    switch (field.type) {
        case FieldType::String:
        case FieldType::Date:
        case FieldType::Timestamp:
            return keeps<std::string>(field) || keeps<std::optional<std::string>>(field);
        case FieldType::Integer:
            return (keeps<std::int64_t>(field) || keeps<std::optional<std::int64_t>>(field)) &&
                   (field.range || !field.writable());
        case FieldType::Boolean:
            return keeps<bool>(field);
        case FieldType::Object:
            return keeps<FieldMap>(field) && !field.keys.empty();
        // Only the server appends to a list: no client input is read into one.
        case FieldType::Array:
            return keeps<Cancellations>(field) && !field.writable();
    }
    return false;
}

constexpr bool typesFitMembers() {
    for (const CaseField& field : kCaseFields) {
        if (!fitsItsMember(field)) return false;
    }
    return true;
}

// Null clears by keeping "" or no value: only a text can be cleared.
constexpr bool onlyTextClears() {
    for (const CaseField& field : kCaseFields) {
        if (field.onNull == OnNull::Clears && !keeps<std::string>(field) && !field.nullable()) {
            return false;
        }
    }
    return true;
}

static_assert(kCaseFieldCount <= kMaxCaseFields, "CasePatch cannot mark that many fields");
static_assert(typesFitMembers(), "a case field's type does not fit its member");
static_assert(onlyTextClears(), "null clears a case field that keeps no text");
static_assert(namesAreUnique(), "two case fields share a name");
static_assert(nullMeansClearForNullableFields(), "a nullable case field does not clear on null");
static_assert(computedFieldsComeLast(), "a stored case field comes after a computed one");
static_assert(computedFieldsSayHow(), "a computed case field does not say how it is worked out");

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
        case FieldType::Object:
            return "object";
        case FieldType::Array:
            return "array";
    }
    return "string";
}

}  // namespace caseboard::domain
