#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "domain/Cancellation.hpp"

namespace caseboard::domain {

// Named values of one field (a readiness checklist, the times of theatre statuses). A key at its
// field's default value is absent, so that two maps that mean the same are equal.
using FieldMap = std::map<std::string, std::string, std::less<>>;

// A surgical case on the board, exactly as stored and as every client sees it.
struct Case {
    std::string id;
    std::string name;
    std::string diagnosis;
    std::string outcome;
    std::string section;
    std::optional<std::string> surgeryDate;
    std::int64_t orderIndex = 0;
    bool archived = false;
    std::string createdAt;
    std::string updatedAt;
    std::int64_t version = 1;
    // Clinical identifiers and context (all optional).
    std::optional<std::string> hospitalNumber;  // MRN
    std::string ward;
    std::string consultant;
    std::optional<std::string> dateOfInjury;
    std::optional<std::string> theatreSlot;  // "am" or "pm"
    std::string notes;
    // Clinical workflow: how urgent, since when, how ready, how far through theatre.
    std::optional<std::string> priority;  // NCEPOD
    std::optional<std::string> pathway;   // e.g. "hip_fracture"
    std::optional<std::string> admittedAt;
    std::optional<std::string> decisionAt;  // the decision to operate
    FieldMap checklist;                     // item -> "done" or "not_needed"
    std::optional<std::string> theatreStatus;
    FieldMap theatreTimes;  // status -> when it was first reached
    // Theatre lists: the session the case is booked into, and the theatre time it needs.
    std::optional<std::string> sessionId;
    std::optional<std::int64_t> estimatedMinutes;
    std::int64_t turnaroundMinutes = 15;  // cleaning and sending for the next patient
    Cancellations cancellations;          // each time it came off a theatre list
};

// Where one field of a case is kept: each entry of the field table (domain/CaseFields.hpp) names
// one, so that generic code reads and writes every field through it. A new kind of value is a
// new alternative here.
using CaseMember = std::variant<std::string Case::*, std::optional<std::string> Case::*,
                                std::int64_t Case::*, std::optional<std::int64_t> Case::*,
                                bool Case::*, FieldMap Case::*, Cancellations Case::*>;

// At most this many fields: a patch keeps which ones it sets in a bit set of this size
// (domain/CaseFields.cpp checks that the field table fits).
inline constexpr std::size_t kMaxCaseFields = 64;

// A validated new case: its content, and where the client asked for it to go. That orderIndex
// hides Case::orderIndex on purpose: empty means "after the last case of its section", which only
// the store can work out.
struct CaseDraft : Case {
    std::optional<std::int64_t> orderIndex;
};

// A new case with the draft's content and a fresh id, at version 1; the store sets its place
// (order_index) and its timestamps when it commits it.
Case newCaseFrom(const CaseDraft& draft);

// A validated partial update: the values of the fields the client sent, and which those are.
// One Case holds them, so that a field is reached through its one member pointer everywhere.
class CasePatch {
  public:
    CasePatch() = default;
    CasePatch(Case values, std::bitset<kMaxCaseFields> sent)
        : values_(std::move(values)), sent_(sent) {}

    // Sets a field as if the client had sent it: patch.set(&Case::outcome, "Scheduled").
    template <typename Value, typename Given>
    CasePatch& set(Value Case::*member, Given&& value) {
        values_.*member = std::forward<Given>(value);
        sent_.set(fieldIndex(member));
        return *this;
    }
    bool has(CaseMember member) const { return sent_.test(fieldIndex(member)); }
    // Each field's value as sent; a field not sent is as in Case{} and means nothing.
    const Case& values() const { return values_; }

    // The case with this patch applied; whether that changes anything is `changes(before)`.
    Case appliedTo(const Case& before) const;
    bool changes(const Case& before) const;

  private:
    // Its position in the field table; throws std::out_of_range for a member that is no field.
    static std::size_t fieldIndex(CaseMember member);

    Case values_;
    std::bitset<kMaxCaseFields> sent_;
};

// One case's new place on the board (a drag and drop).
struct CaseMove {
    std::string id;
    std::string section;
    std::int64_t orderIndex = 0;
};

}  // namespace caseboard::domain
