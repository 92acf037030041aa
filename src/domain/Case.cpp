#include "domain/Case.hpp"

#include "domain/CaseFieldValues.hpp"
#include "domain/Uuid.hpp"

namespace caseboard::domain {

Case newCaseFrom(const CaseDraft& draft) {
    Case c;
    for (const CaseField& field : kCaseFields) {
        if (field.writable()) copyValue(field, draft, c);
    }
    c.id = newUuid();
    return c;
}

}  // namespace caseboard::domain
