#include <stdexcept>

#include "domain/Case.hpp"
#include "domain/CaseFieldValues.hpp"

namespace caseboard::domain {

std::size_t CasePatch::fieldIndex(CaseMember member) {
    std::size_t index = caseFieldIndex(member);
    if (index == kCaseFieldCount) throw std::out_of_range("not a field of the field table");
    return index;
}

Case CasePatch::appliedTo(const Case& before) const {
    Case after = before;
    for (std::size_t i = 0; i < kStoredCaseFieldCount; ++i) {
        if (sent_.test(i)) mergeValue(kCaseFields[i], values_, after);
    }
    return after;
}

bool CasePatch::changes(const Case& before) const {
    for (std::size_t i = 0; i < kStoredCaseFieldCount; ++i) {
        if (sent_.test(i) && mergeChanges(kCaseFields[i], values_, before)) return true;
    }
    return false;
}

}  // namespace caseboard::domain
