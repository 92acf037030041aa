#include "domain/Case.hpp"

namespace caseboard::domain {

namespace {
bool sameContent(const Case& a, const Case& b) {
    return a.name == b.name && a.diagnosis == b.diagnosis && a.outcome == b.outcome &&
           a.section == b.section && a.surgeryDate == b.surgeryDate &&
           a.orderIndex == b.orderIndex && a.archived == b.archived;
}
}  // namespace

Case CasePatch::appliedTo(const Case& before) const {
    Case after = before;
    if (name) after.name = *name;
    if (diagnosis) after.diagnosis = *diagnosis;
    if (outcome) after.outcome = *outcome;
    if (section) after.section = *section;
    if (surgeryDate) after.surgeryDate = *surgeryDate;
    if (orderIndex) after.orderIndex = *orderIndex;
    if (archived) after.archived = *archived;
    return after;
}

bool CasePatch::changes(const Case& before) const { return !sameContent(appliedTo(before), before); }

}  // namespace caseboard::domain
