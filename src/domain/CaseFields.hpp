#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string_view>

#include "domain/Case.hpp"

namespace caseboard::domain {

// What a field's value is, as clients see it (GET /case-fields calls it "type"). A new type is
// a value here, which -Wswitch then asks for in typeName, in the table's checks (CaseFields.cpp)
// and, once clients may write it, in CaseBodyReader::read. A value kept in a new C++ type is also
// a new CaseMember alternative, which the visitors of CaseFieldValues must then handle to compile.
enum class FieldType { String, Integer, Boolean, Date, Timestamp, Object, Array };

// Who sets a field.
enum class FieldAccess {
    ServerSet,         // the server's bookkeeping: a client never writes it
    Optional,          // a client may send it; a new case starts with it as Case{} has it
    RequiredOnCreate,  // a client must send it on create and may send it on update
    Computed,          // worked out from the others whenever the case is written out: not stored
};

// How a computed field is worked out (domain/CaseFieldValues.cpp), from the case and the
// targets in force (domain/Targets.hpp).
enum class Computation {
    None,   // a stored field
    Ready,  // no checklist item pending
    DueAt,  // the earliest deadline that applies
    Clock,  // where the case stands against it, now
};

// What a client's null means for a field it may write.
enum class OnNull {
    Refused,  // a 422, as any value of the wrong type
    Clears,   // "" or no value, whichever the field keeps
    Ignored,  // as if the field had not been sent
    Resets,   // back to the value a new case starts with
};

// The rules of a text value, checked in this order after the type.
struct TextLimits {
    bool trim = false;  // white space at either end is dropped before the length is counted
    std::size_t minLength = 0;
    std::optional<std::size_t> maxLength{};  // in code points (what a person counts)
    std::string_view pattern{};              // ECMAScript, matched by the whole value; "" is none
};

struct IntegerRange {
    std::int64_t min = 0;
    std::int64_t max = 0;
};

// One field of a case: everything the generic code needs to read it from a client, check it,
// write it out (JSON, CSV, audit), compare it and describe it (GET /case-fields, OpenAPI).
struct CaseField {
    std::string_view name{};   // in JSON, CSV and the audit trail
    std::string_view label{};  // for people
    FieldType type = FieldType::String;
    CaseMember member{};
    FieldAccess access = FieldAccess::Optional;
    OnNull onNull = OnNull::Refused;
    TextLimits text{};
    std::span<const std::string_view> values{};  // when not empty, the only values allowed
    std::optional<IntegerRange> range{};
    // A date no later than tomorrow in UTC (any time zone's today); a time at most an hour ahead
    // (a clock a little fast).
    bool notFuture = false;
    // An object's keys, each holding one of `values` (or, with no values, a time); a key not
    // held is at `defaultValue`.
    std::span<const std::string_view> keys{};
    std::string_view defaultValue{};
    Computation computation = Computation::None;

    constexpr bool writable() const {
        return access != FieldAccess::ServerSet && access != FieldAccess::Computed;
    }
    constexpr bool stored() const { return access != FieldAccess::Computed; }
    constexpr bool required() const { return access == FieldAccess::RequiredOnCreate; }
    // Whether the case object may hold null here.
    constexpr bool nullable() const {
        // A deadline or clock is null for a case no target applies to.
        if (!stored()) return computation != Computation::Ready;
        return std::holds_alternative<std::optional<std::string> Case::*>(member) ||
               std::holds_alternative<std::optional<std::int64_t> Case::*>(member);
    }
};

inline constexpr std::string_view kTheatreSlots[] = {"am", "pm"};
// NCEPOD's classification of intervention, most urgent first.
inline constexpr std::string_view kPriorities[] = {"immediate", "urgent", "expedited", "elective"};
// What went missing at handover: the readiness checklist.
inline constexpr std::string_view kChecklistItems[] = {
    "consent", "site_marked",        "bloods",  "group_and_save",
    "imaging", "anaesthetic_review", "fasting", "anticoagulation"};
inline constexpr std::string_view kChecklistStates[] = {"pending", "done", "not_needed"};
// A patient's way through theatre, in order.
inline constexpr std::string_view kTheatreStatuses[] = {"sent_for", "anaesthetic_room",
                                                        "in_theatre", "recovery", "returned"};
inline constexpr std::string_view kClockStates[] = {"on_track", "due_soon", "breached", "met",
                                                    "missed"};
// A session's id as the server writes it (domain/Uuid.hpp): lower case only.
inline constexpr std::string_view kUuidPattern =
    "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
// Both stores keep it in a 32-bit column; INT_MIN is left out so that the range is symmetric.
inline constexpr IntegerRange kOrderIndexRange{-2147483647, 2147483647};

// Every field of a case, in the order of the case object: the stored ones, then the computed
// ones. Adding a field is a line here, a member of Case, and a column in each store.
inline constexpr CaseField kCaseFields[] = {
    {.name = "id", .label = "Id", .member = &Case::id, .access = FieldAccess::ServerSet},
    {.name = "name",
     .label = "Name",
     .member = &Case::name,
     .access = FieldAccess::RequiredOnCreate,
     .text = {.trim = true, .minLength = 1, .maxLength = 200}},
    {.name = "diagnosis",
     .label = "Diagnosis",
     .member = &Case::diagnosis,
     .onNull = OnNull::Clears,
     .text = {.maxLength = 2000}},
    {.name = "outcome",
     .label = "Outcome",
     .member = &Case::outcome,
     .onNull = OnNull::Clears,
     .text = {.maxLength = 200}},
    {.name = "section",
     .label = "Section",
     .member = &Case::section,
     .access = FieldAccess::RequiredOnCreate,
     .text = {.minLength = 1, .maxLength = 64, .pattern = "^[a-z0-9_]{1,64}$"}},
    {.name = "surgery_date",
     .label = "Surgery date",
     .type = FieldType::Date,
     .member = &Case::surgeryDate,
     .onNull = OnNull::Clears},
    {.name = "order_index",
     .label = "Position",
     .type = FieldType::Integer,
     .member = &Case::orderIndex,
     .onNull = OnNull::Ignored,
     .range = kOrderIndexRange},
    {.name = "archived",
     .label = "Archived",
     .type = FieldType::Boolean,
     .member = &Case::archived},
    {.name = "created_at",
     .label = "Created",
     .type = FieldType::Timestamp,
     .member = &Case::createdAt,
     .access = FieldAccess::ServerSet},
    {.name = "updated_at",
     .label = "Last changed",
     .type = FieldType::Timestamp,
     .member = &Case::updatedAt,
     .access = FieldAccess::ServerSet},
    {.name = "version",
     .label = "Version",
     .type = FieldType::Integer,
     .member = &Case::version,
     .access = FieldAccess::ServerSet},
    {.name = "hospital_number",
     .label = "Hospital number",
     .member = &Case::hospitalNumber,
     .onNull = OnNull::Clears,
     .text = {.trim = true, .maxLength = 32, .pattern = "^[A-Za-z0-9-]{1,32}$"}},
    {.name = "ward",
     .label = "Ward",
     .member = &Case::ward,
     .onNull = OnNull::Clears,
     .text = {.maxLength = 64}},
    {.name = "consultant",
     .label = "Consultant",
     .member = &Case::consultant,
     .onNull = OnNull::Clears,
     .text = {.maxLength = 100}},
    {.name = "date_of_injury",
     .label = "Date of injury",
     .type = FieldType::Date,
     .member = &Case::dateOfInjury,
     .onNull = OnNull::Clears,
     .notFuture = true},
    {.name = "theatre_slot",
     .label = "Theatre slot",
     .member = &Case::theatreSlot,
     .onNull = OnNull::Clears,
     .values = kTheatreSlots},
    {.name = "notes",
     .label = "Notes",
     .member = &Case::notes,
     .onNull = OnNull::Clears,
     .text = {.maxLength = 10000}},
    {.name = "priority",
     .label = "Priority",
     .member = &Case::priority,
     .onNull = OnNull::Clears,
     .values = kPriorities},
    {.name = "pathway",
     .label = "Pathway",
     .member = &Case::pathway,
     .onNull = OnNull::Clears,
     .text = {.minLength = 1, .maxLength = 64, .pattern = "^[a-z0-9_]{1,64}$"}},
    {.name = "admitted_at",
     .label = "Admitted",
     .type = FieldType::Timestamp,
     .member = &Case::admittedAt,
     .onNull = OnNull::Clears,
     .notFuture = true},
    {.name = "decision_at",
     .label = "Decision to operate",
     .type = FieldType::Timestamp,
     .member = &Case::decisionAt,
     .onNull = OnNull::Clears,
     .notFuture = true},
    {.name = "checklist",
     .label = "Checklist",
     .type = FieldType::Object,
     .member = &Case::checklist,
     .values = kChecklistStates,
     .keys = kChecklistItems,
     .defaultValue = "pending"},
    {.name = "theatre_status",
     .label = "Theatre status",
     .member = &Case::theatreStatus,
     .onNull = OnNull::Clears,
     .values = kTheatreStatuses},
    {.name = "theatre_times",
     .label = "Theatre times",
     .type = FieldType::Object,
     .member = &Case::theatreTimes,
     .access = FieldAccess::ServerSet,
     .keys = kTheatreStatuses},
    {.name = "cancellations",
     .label = "Cancellations",
     .type = FieldType::Array,
     .member = &Case::cancellations,
     .access = FieldAccess::ServerSet},
    {.name = "session_id",
     .label = "Theatre session",
     .member = &Case::sessionId,
     .onNull = OnNull::Clears,
     .text = {.pattern = kUuidPattern}},
    {.name = "estimated_minutes",
     .label = "Estimated minutes",
     .type = FieldType::Integer,
     .member = &Case::estimatedMinutes,
     .onNull = OnNull::Clears,
     .range = IntegerRange{1, 1440}},
    {.name = "turnaround_minutes",
     .label = "Turnaround minutes",
     .type = FieldType::Integer,
     .member = &Case::turnaroundMinutes,
     .onNull = OnNull::Resets,
     .range = IntegerRange{0, 240}},
    {.name = "ready",
     .label = "Ready",
     .type = FieldType::Boolean,
     .access = FieldAccess::Computed,
     .computation = Computation::Ready},
    {.name = "due_at",
     .label = "Due",
     .type = FieldType::Timestamp,
     .access = FieldAccess::Computed,
     .computation = Computation::DueAt},
    {.name = "clock",
     .label = "Clock",
     .access = FieldAccess::Computed,
     .values = kClockStates,
     .computation = Computation::Clock},
};

inline constexpr std::size_t kCaseFieldCount = std::size(kCaseFields);

// How many fields are stored: they come first (CaseFields.cpp checks it).
constexpr std::size_t storedCaseFieldCount() {
    std::size_t count = 0;
    while (count < kCaseFieldCount && kCaseFields[count].stored()) ++count;
    return count;
}
inline constexpr std::size_t kStoredCaseFieldCount = storedCaseFieldCount();
// The fields each store keeps a column of, in the same order.
inline constexpr std::span<const CaseField> kStoredCaseFields(kCaseFields, kStoredCaseFieldCount);

// The position in kCaseFields of the field of that name, or kCaseFieldCount for none. (The
// compile-time checks use positions: GCC's sanitizers make a comparison of these pointers no
// constant expression.)
constexpr std::size_t caseFieldPosition(std::string_view name) {
    for (std::size_t i = 0; i < kCaseFieldCount; ++i) {
        if (kCaseFields[i].name == name) return i;
    }
    return kCaseFieldCount;
}

// The field of that name, or null.
constexpr const CaseField* findCaseField(std::string_view name) {
    const std::size_t i = caseFieldPosition(name);
    return i < kCaseFieldCount ? &kCaseFields[i] : nullptr;
}

// The position in kCaseFields of the field kept in `member`, or kCaseFieldCount for none.
constexpr std::size_t caseFieldIndex(CaseMember member) {
    for (std::size_t i = 0; i < kStoredCaseFieldCount; ++i) {
        if (kCaseFields[i].member == member) return i;
    }
    return kCaseFieldCount;
}

// "string", "integer", "boolean", "date", "timestamp", "object" or "array".
std::string_view typeName(FieldType type);

}  // namespace caseboard::domain
