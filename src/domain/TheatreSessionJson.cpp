#include "domain/TheatreSessionJson.hpp"

#include <boost/json.hpp>

#include <array>
#include <string_view>

namespace caseboard::domain {

namespace json = boost::json;

namespace {

json::value optionalText(const std::optional<std::string>& text) {
    if (!text) return nullptr;
    return json::value(json::string_view(*text));
}

json::array idArray(const std::vector<std::string>& ids) {
    json::array array;
    array.reserve(ids.size());
    for (const auto& id : ids) array.emplace_back(json::string_view(id));
    return array;
}

// The stored fields a person sets, as the audit trail names them.
constexpr std::array<std::string_view, 8> kAuditedKeys = {
    "date", "theatre", "period", "starts_at", "ends_at", "capacity_minutes", "consultant", "notes"};

}  // namespace

json::object toJson(const TheatreSession& session) {
    return json::object{
        {"id", session.id},
        {"date", session.date},
        {"theatre", session.theatre},
        {"period", session.period},
        {"starts_at", optionalText(session.startsAt)},
        {"ends_at", optionalText(session.endsAt)},
        {"capacity_minutes", session.capacityMinutes},
        {"consultant", session.consultant},
        {"notes", session.notes},
        {"created_at", session.createdAt},
        {"updated_at", session.updatedAt},
        {"booked_minutes", session.bookedMinutes},
        {"case_ids", idArray(session.caseIds)},
        {"over_capacity", session.overCapacity()},
    };
}

json::object sessionChanges(const std::optional<TheatreSession>& before,
                            const std::optional<TheatreSession>& after) {
    const json::object was = before ? toJson(*before) : json::object{};
    const json::object is = after ? toJson(*after) : json::object{};
    auto valueIn = [](const json::object& o, std::string_view key) -> json::value {
        const auto* value = o.if_contains(key);
        return value ? *value : json::value(nullptr);
    };
    json::object changes;
    auto note = [&](std::string_view key) {
        json::value from = valueIn(was, key);
        json::value to = valueIn(is, key);
        if (from != to) changes[key] = json::object{{"before", from}, {"after", to}};
    };
    for (std::string_view key : kAuditedKeys) note(key);
    if (before && after) note("case_ids");
    return changes;
}

}  // namespace caseboard::domain
