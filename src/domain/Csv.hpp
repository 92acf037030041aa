#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace caseboard::domain {

// One RFC 4180 line (CRLF-terminated). A cell that a spreadsheet would run as a formula
// (starting with =, +, -, @, tab or CR) is prefixed with ' so that it stays text.
std::string csvLine(const std::vector<std::string>& cells);
std::string csvCell(std::string_view value);

}  // namespace caseboard::domain
