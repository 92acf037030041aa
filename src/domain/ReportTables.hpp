#pragma once

#include <string>
#include <vector>

#include "domain/CancellationCounts.hpp"
#include "domain/TimeToTheatre.hpp"

namespace caseboard::domain {

// The reports as the API serves them: a JSON array of one object per line, or CSV with a header
// row of the same keys (domain/Csv: RFC 4180, CRLF, spreadsheet-safe), null as an empty cell.
// JSON text: percent_met keeps its one decimal ("66.7", "60.0"; Boost.JSON would write a double
// as "6.67E1", valid JSON that no person or spreadsheet expects).
std::string toJsonText(const std::vector<TimeToTheatreRow>& rows);
std::string toJsonText(const std::vector<ReasonCount>& rows);
std::string toCsv(const std::vector<TimeToTheatreRow>& rows);
std::string toCsv(const std::vector<ReasonCount>& rows);

}  // namespace caseboard::domain
