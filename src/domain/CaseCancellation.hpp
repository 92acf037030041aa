#pragma once

#include <boost/json/object.hpp>

#include <string>

#include "domain/Cancellation.hpp"
#include "domain/Case.hpp"

namespace caseboard::domain {

// The body of POST /cases/{id}/cancel, {"reason": …, "note": …}, as a cancellation by `by` (its
// time is left for cancelled() to stamp). A reason of kCancellationReasons; a note of at most 2000
// characters, required for "other". Throws ValidationError (422, every bad key at once); other
// keys are ignored, as on cases.
Cancellation parseCancellation(const boost::json::object& body, std::string by);

// The case taken off its theatre list: its next revision, in no session, with no theatre status
// or times and the cancellation appended, stamped with the revision's time. Every field a
// cancellation clears is cleared here, and only here.
Case cancelled(const Case& before, Cancellation cancellation);

}  // namespace caseboard::domain
