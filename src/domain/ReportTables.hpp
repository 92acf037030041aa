#pragma once

#include <boost/json/array.hpp>

#include <string>
#include <vector>

#include "domain/CancellationCounts.hpp"
#include "domain/TimeToTheatre.hpp"

namespace caseboard::domain {

// The reports as the API serves them: a JSON array of one object per line, or CSV with a header
// row of the same keys (domain/Csv: RFC 4180, CRLF, spreadsheet-safe), null as an empty cell.
boost::json::array toJson(const std::vector<TimeToTheatreRow>& rows);
boost::json::array toJson(const std::vector<ReasonCount>& rows);
std::string toCsv(const std::vector<TimeToTheatreRow>& rows);
std::string toCsv(const std::vector<ReasonCount>& rows);

}  // namespace caseboard::domain
