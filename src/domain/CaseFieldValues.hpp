#pragma once

#include <boost/json/value.hpp>

#include "domain/CaseFields.hpp"

namespace caseboard::domain {

// One field of a case, read and written through its table entry, whatever the field: the generic
// code that used to be written out once per field.

// Its value in the case object, a computed one worked out now; its memory from `storage`.
boost::json::value fieldJson(const CaseField& field, const Case& c,
                             const boost::json::storage_ptr& storage = {});
// The rest are for stored fields only.
// Sets it from a value fieldJson wrote; throws std::exception if the value is of another type.
void setFromJson(const CaseField& field, const boost::json::value& value, Case& c);
bool sameValue(const CaseField& field, const Case& a, const Case& b);
void copyValue(const CaseField& field, const Case& from, Case& to);
// As a patch sets it: an object takes only the keys the patch holds (the others stay as they
// were), anything else is copied.
void mergeValue(const CaseField& field, const Case& patch, Case& to);
// Whether merging would change it.
bool mergeChanges(const CaseField& field, const Case& patch, const Case& before);
// An object's value at one key (its default when the key is not held).
std::string_view keyValue(const CaseField& field, const FieldMap& map, std::string_view key);

}  // namespace caseboard::domain
