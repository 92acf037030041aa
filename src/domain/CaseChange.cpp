#include "domain/CaseChange.hpp"

namespace caseboard::domain {

const char* actionName(ChangeKind kind) {
    switch (kind) {
        case ChangeKind::Create:
            return "create";
        case ChangeKind::Update:
            return "update";
        case ChangeKind::Delete:
            return "delete";
        case ChangeKind::Clock:
            return "clock";
    }
    return "update";
}

}  // namespace caseboard::domain
