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

std::string toJsonText(const std::vector<TimeToTheatreRow>& rows) {
    std::string text = "[";
    for (const auto& row : rows) {
        if (text.size() > 1) text += ',';
        text += "{\"group\":" + json::serialize(orNull(row.group));
        text += ",\"cases\":" + std::to_string(row.cases);
        text += ",\"met\":" + std::to_string(row.met);
        text += ",\"missed\":" + std::to_string(row.missed);
        text += ",\"percent_met\":" + (row.percentMet ? percentCell(row.percentMet) : "null");
        text += ",\"median_minutes\":" + json::serialize(orNull(row.medianMinutes));
        text += ",\"p90_minutes\":" + json::serialize(orNull(row.p90Minutes)) + "}";
    }
    return text + "]";
}

std::string toJsonText(const std::vector<ReasonCount>& rows) {
    json::array array;
    array.reserve(rows.size());
    for (const auto& row : rows) array.push_back({{"reason", row.reason}, {"count", row.count}});
    return json::serialize(array);
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
