#pragma once

#include <boost/json/object.hpp>

#include <optional>

#include "domain/Case.hpp"
#include "domain/User.hpp"

namespace caseboard::domain {

// The case object of the API, every field always present, in the seed's order; its memory from
// `storage` (the default heap unless told).
boost::json::object toJson(const Case& c, boost::json::storage_ptr storage = {});

// The case a toJson object describes; nothing if a field is of the wrong type, or missing when it
// is no optional one or list. An optional field or a list missing (a snapshot from before it
// existed, in the audit trail) is as a new Case{} has it.
std::optional<Case> caseFromJson(const boost::json::object& o);

// A user as the API shows it: never the password hash.
boost::json::object toJson(const User& u);

}  // namespace caseboard::domain
