#include "domain/CaseCsv.hpp"

#include <boost/json.hpp>

#include <vector>

#include "domain/CaseFieldValues.hpp"
#include "domain/Csv.hpp"

namespace caseboard::domain {

namespace {

std::string cellText(const boost::json::value& value) {
    if (value.is_string()) return std::string(value.get_string());
    if (value.is_null()) return {};
    return boost::json::serialize(value);
}

}  // namespace

std::string caseCsvHeader() {
    std::vector<std::string> names;
    for (const CaseField& field : kCaseFields) names.emplace_back(field.name);
    return csvLine(names);
}

std::string caseCsvLine(const Case& c) {
    std::vector<std::string> cells;
    cells.reserve(kCaseFieldCount);
    for (const CaseField& field : kCaseFields) cells.push_back(cellText(fieldJson(field, c)));
    return csvLine(cells);
}

}  // namespace caseboard::domain
