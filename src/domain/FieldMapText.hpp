#pragma once

#include <string>
#include <string_view>

#include "domain/Case.hpp"

namespace caseboard::domain {

// How a store keeps a FieldMap in one column: a JSON object of strings, {"consent":"done"}.
std::string fieldMapText(const FieldMap& map);
// The inverse; a column that holds anything else (no row written by Caseboard does) is read as
// an empty map rather than failing every read of the board.
FieldMap fieldMapFromText(std::string_view text);

}  // namespace caseboard::domain
