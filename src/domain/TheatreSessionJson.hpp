#pragma once

#include <boost/json/object.hpp>

#include <optional>

#include "domain/TheatreSession.hpp"

namespace caseboard::domain {

// The session object of the API, every key always present, computed ones last.
boost::json::object toJson(const TheatreSession& session);

// Field by field, what changed between two states of a session, as the audit trail records it
// ({"field": {"before", "after"}}): a create has no before, a delete no after. The list order
// (case_ids) counts only when both states have it, i.e. for an update.
boost::json::object sessionChanges(const std::optional<TheatreSession>& before,
                                   const std::optional<TheatreSession>& after);

}  // namespace caseboard::domain
