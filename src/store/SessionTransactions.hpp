#pragma once

#include <optional>
#include <string>

#include "domain/Audit.hpp"
#include "domain/Case.hpp"
#include "domain/SessionPatch.hpp"
#include "domain/TheatreSession.hpp"
#include "store/WriteTransaction.hpp"

// The theatre session writes of every store, each one transaction, audited, with the change that
// goes out with the commit; and the session side of a case's booking, which the case writes of
// CaseTransactions call. Failures are the exceptions of store/StoreErrors.hpp, and
// domain::ValidationError for what only the stored state can refuse. Each may run again from the
// start in a new transaction.
namespace caseboard::store::transactions {

// `draft` is checked (domain/SessionInput.hpp); the store sets its timestamps.
domain::TheatreSession createSession(WriteTransaction& tx, domain::TheatreSession draft,
                                     const domain::Actor& actor);
// NotFound; a patch that changes nothing returns the session as it is and writes nothing.
domain::TheatreSession updateSession(WriteTransaction& tx, const std::string& id,
                                     const domain::SessionPatch& patch, const domain::Actor& actor);
// NotFound; Conflict while any case is booked into it.
void deleteSession(WriteTransaction& tx, const std::string& id, const domain::Actor& actor);

// Before a case is written booked into `after`'s session: that session must exist (a 422 at
// session_id otherwise), and stays locked until the commit.
void requireSession(WriteTransaction& tx, const domain::Case& after);
// After a case went from `before` to `after` (either may be none: a create, a delete): a case
// booked into a session it was not in goes last in its list, and every session whose computed
// fields that changed is announced with its new state.
void bookingWritten(WriteTransaction& tx, const std::optional<domain::Case>& before,
                    const std::optional<domain::Case>& after);

}  // namespace caseboard::store::transactions
