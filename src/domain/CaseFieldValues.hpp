#pragma once

#include <boost/json/value.hpp>

#include "domain/CaseFields.hpp"

namespace caseboard::domain {

// One field of a case, read and written through its table entry, whatever the field: the generic
// code that used to be written out once per field.

// Its value in the case object; its memory from `storage`.
boost::json::value fieldJson(const CaseField& field, const Case& c,
                             const boost::json::storage_ptr& storage = {});
// Sets it from a value fieldJson wrote; throws std::exception if the value is of another type.
void setFromJson(const CaseField& field, const boost::json::value& value, Case& c);
bool sameValue(const CaseField& field, const Case& a, const Case& b);
void copyValue(const CaseField& field, const Case& from, Case& to);

}  // namespace caseboard::domain
