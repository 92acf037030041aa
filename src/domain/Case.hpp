#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace caseboard::domain {

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
};

// Where one field of a case is kept: each entry of the field table (domain/CaseFields.hpp) names
// one, so that generic code reads and writes every field through it. A new kind of value is a
// new alternative here.
using CaseMember = std::variant<std::string Case::*, std::optional<std::string> Case::*,
                                std::int64_t Case::*, bool Case::*>;

// A validated new case. orderIndex empty means "after the last case of its section".
struct CaseDraft {
    std::string name;
    std::string diagnosis;
    std::string outcome;
    std::string section;
    std::optional<std::string> surgeryDate;
    std::optional<std::int64_t> orderIndex;
    bool archived = false;
    std::optional<std::string> hospitalNumber;
    std::string ward;
    std::string consultant;
    std::optional<std::string> dateOfInjury;
    std::optional<std::string> theatreSlot;
    std::string notes;
};

// A new case with the draft's content and a fresh id, at version 1; the store sets its place
// (order_index) and its timestamps when it commits it.
Case newCaseFrom(const CaseDraft& draft);

// A validated partial update: only the fields the client sent are set.
// surgeryDate is set-to-null when the client sent null (clears the date).
struct CasePatch {
    std::optional<std::string> name;
    std::optional<std::string> diagnosis;
    std::optional<std::string> outcome;
    std::optional<std::string> section;
    std::optional<std::optional<std::string>> surgeryDate;
    std::optional<std::int64_t> orderIndex;
    std::optional<bool> archived;
    std::optional<std::optional<std::string>> hospitalNumber;
    std::optional<std::string> ward;
    std::optional<std::string> consultant;
    std::optional<std::optional<std::string>> dateOfInjury;
    std::optional<std::optional<std::string>> theatreSlot;
    std::optional<std::string> notes;

    // The case with this patch applied; whether that changes anything is `changes(before)`.
    Case appliedTo(const Case& before) const;
    bool changes(const Case& before) const;
};

// One case's new place on the board (a drag and drop).
struct CaseMove {
    std::string id;
    std::string section;
    std::int64_t orderIndex = 0;
};

}  // namespace caseboard::domain
