#include "domain/Case.hpp"

#include "domain/Uuid.hpp"

namespace caseboard::domain {

namespace {
bool sameContent(const Case& a, const Case& b) {
    return a.name == b.name && a.diagnosis == b.diagnosis && a.outcome == b.outcome &&
           a.section == b.section && a.surgeryDate == b.surgeryDate &&
           a.orderIndex == b.orderIndex && a.archived == b.archived &&
           a.hospitalNumber == b.hospitalNumber && a.ward == b.ward &&
           a.consultant == b.consultant && a.dateOfInjury == b.dateOfInjury &&
           a.theatreSlot == b.theatreSlot && a.notes == b.notes;
}
}  // namespace

Case newCaseFrom(const CaseDraft& draft) {
    Case c;
    c.id = newUuid();
    c.name = draft.name;
    c.diagnosis = draft.diagnosis;
    c.outcome = draft.outcome;
    c.section = draft.section;
    c.surgeryDate = draft.surgeryDate;
    c.archived = draft.archived;
    c.hospitalNumber = draft.hospitalNumber;
    c.ward = draft.ward;
    c.consultant = draft.consultant;
    c.dateOfInjury = draft.dateOfInjury;
    c.theatreSlot = draft.theatreSlot;
    c.notes = draft.notes;
    c.version = 1;
    return c;
}

Case CasePatch::appliedTo(const Case& before) const {
    Case after = before;
    if (name) after.name = *name;
    if (diagnosis) after.diagnosis = *diagnosis;
    if (outcome) after.outcome = *outcome;
    if (section) after.section = *section;
    if (surgeryDate) after.surgeryDate = *surgeryDate;
    if (orderIndex) after.orderIndex = *orderIndex;
    if (archived) after.archived = *archived;
    if (hospitalNumber) after.hospitalNumber = *hospitalNumber;
    if (ward) after.ward = *ward;
    if (consultant) after.consultant = *consultant;
    if (dateOfInjury) after.dateOfInjury = *dateOfInjury;
    if (theatreSlot) after.theatreSlot = *theatreSlot;
    if (notes) after.notes = *notes;
    return after;
}

bool CasePatch::changes(const Case& before) const {
    return !sameContent(appliedTo(before), before);
}

}  // namespace caseboard::domain
