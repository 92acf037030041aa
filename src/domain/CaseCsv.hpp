#pragma once

#include <string>

#include "domain/Case.hpp"

namespace caseboard::domain {

// The export's lines: a header of the case object's fields in its order, then one line per case
// with each field as the case object has it (null empty, numbers and booleans as JSON writes
// them), both made safe for a spreadsheet by csvLine.
std::string caseCsvHeader();
std::string caseCsvLine(const Case& c);

}  // namespace caseboard::domain
