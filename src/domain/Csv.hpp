#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace caseboard::domain {

// One RFC 4180 line (CRLF-terminated), safe to open in a spreadsheet whatever its list separator
// (OWASP's CSV injection guidance). A spreadsheet starts a cell at the start of ours and, where
// the locale separates lists with ';', after each ';' in it. Each such start whose text begins
// with a control character (tab, CR, LF, NUL…), or whose first character other than a space, a
// control character or '"' is =, +, - or @, gets a ' in front so that it stays text:
// "x;=cmd" is written "x;'=cmd". A cell holding ',', '"', CR, LF or ';' is quoted.
std::string csvLine(const std::vector<std::string>& cells);
std::string csvCell(std::string_view value);

}  // namespace caseboard::domain
