#pragma once

#include <variant>

#include "domain/CaseChange.hpp"
#include "domain/SessionChange.hpp"

namespace caseboard::domain {

// One committed change of a transaction, kept in commit order with the others until it goes out.
using StoreChange = std::variant<CaseChange, SessionChange>;

// Tells the listener of the change, through the method of its kind.
inline void tell(ChangeListener& listener, const StoreChange& change) {
    if (const auto* session = std::get_if<SessionChange>(&change)) {
        listener.onSessionChanged(*session);
    } else {
        listener.onCommitted(std::get<CaseChange>(change));
    }
}

}  // namespace caseboard::domain
