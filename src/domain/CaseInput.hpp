#pragma once

#include <boost/json/object.hpp>

#include <vector>

#include "domain/Case.hpp"

namespace caseboard::domain {

// Turn a request body into a validated draft or patch. Every bad field is reported at once as a
// ValidationError (422); unknown fields are ignored, as the seed's FastAPI server did.
CaseDraft parseCaseDraft(const boost::json::object& body);
CasePatch parseCasePatch(const boost::json::object& body);
// {"moves":[{"id","section","order_index"}, …]}, at most 1000 moves.
std::vector<CaseMove> parseCaseMoves(const boost::json::object& body);

}  // namespace caseboard::domain
