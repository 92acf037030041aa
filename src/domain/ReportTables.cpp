#include "domain/ReportTables.hpp"

#include <boost/json.hpp>

#include <cstdio>

#include "domain/Csv.hpp"

namespace caseboard::domain {

namespace json = boost::json;

namespace {

template <typename Value>
json::value orNull(const std::optional<Value>& value) {
    if (!value) return nullptr;
    return json::value(*value);
}

template <typename Value>
std::string cell(const std::optional<Value>& value) {
    return value ? std::to_string(*value) : std::string();
}

// One decimal, as percent_met is rounded: "66.7", never "6.67E1".
std::string percentCell(const std::optional<double>& percent) {
    if (!percent) return {};
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", *percent);
    return text;
}

}  // namespace

json::array toJson(const std::vector<TimeToTheatreRow>& rows) {
    json::array array;
    array.reserve(rows.size());
    for (const auto& row : rows) {
        json::object o;
        o.reserve(7);
        o.emplace("group", orNull(row.group));
        o.emplace("cases", row.cases);
        o.emplace("met", row.met);
        o.emplace("missed", row.missed);
        o.emplace("percent_met", orNull(row.percentMet));
        o.emplace("median_minutes", orNull(row.medianMinutes));
        o.emplace("p90_minutes", orNull(row.p90Minutes));
        array.push_back(std::move(o));
    }
    return array;
}

json::array toJson(const std::vector<ReasonCount>& rows) {
    json::array array;
    array.reserve(rows.size());
    for (const auto& row : rows) array.push_back({{"reason", row.reason}, {"count", row.count}});
    return array;
}

std::string toCsv(const std::vector<TimeToTheatreRow>& rows) {
    std::string csv = csvLine(
        {"group", "cases", "met", "missed", "percent_met", "median_minutes", "p90_minutes"});
    for (const auto& row : rows) {
        csv += csvLine({row.group.value_or(""), std::to_string(row.cases), std::to_string(row.met),
                        std::to_string(row.missed), percentCell(row.percentMet),
                        cell(row.medianMinutes), cell(row.p90Minutes)});
    }
    return csv;
}

std::string toCsv(const std::vector<ReasonCount>& rows) {
    std::string csv = csvLine({"reason", "count"});
    for (const auto& row : rows) csv += csvLine({row.reason, std::to_string(row.count)});
    return csv;
}

}  // namespace caseboard::domain
