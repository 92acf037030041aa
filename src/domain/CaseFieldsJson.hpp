#pragma once

#include <boost/json/object.hpp>

namespace caseboard::domain {

// The field table and the list filters as clients read them (GET /case-fields), so that a client
// builds its forms, cards and filters from the server's table instead of a copy of it:
// {"fields":[{"name","label","type","nullable","writable","required","max_length","pattern",
// "values"}, …], "filters":[{"param","field","match"}, …]}.
boost::json::object caseFieldsJson();

}  // namespace caseboard::domain
