#include "store/postgres/PgEvent.hpp"

#include <boost/json.hpp>

namespace caseboard::store::postgres {

namespace json = boost::json;

std::string PgEvent::payload() const {
    if (!sessionId.empty()) {
        json::object event{
            {"action", kind == domain::ChangeKind::Delete ? "session_delete" : "session"},
            {"session", sessionId},
            {"origin", origin},
            {"seq", seq}};
        return json::serialize(event);
    }
    json::object event{
        {"action", domain::actionName(kind)}, {"case", caseId}, {"origin", origin}, {"seq", seq}};
    if (kind == domain::ChangeKind::Clock) event["clock"] = clock;
    return json::serialize(event);
}

std::optional<PgEvent> PgEvent::parse(std::string_view payload) {
    json::error_code ec;
    auto value = json::parse(payload, ec);
    if (ec || !value.is_object()) return std::nullopt;
    const auto& object = value.get_object();
    auto text = [&](std::string_view key) -> const json::string* {
        auto* field = object.if_contains(key);
        return field && field->is_string() ? &field->get_string() : nullptr;
    };
    const auto* action = text("action");
    const auto* caseId = text("case");
    const auto* sessionId = text("session");
    if (!action || !(caseId || sessionId)) return std::nullopt;
    PgEvent event;
    if (sessionId && (*action == "session" || *action == "session_delete")) {
        event.kind = *action == "session" ? domain::ChangeKind::Update : domain::ChangeKind::Delete;
        event.sessionId = std::string(*sessionId);
    } else if (!caseId) {
        return std::nullopt;
    } else if (*action == "create") {
        event.kind = domain::ChangeKind::Create;
    } else if (*action == "update") {
        event.kind = domain::ChangeKind::Update;
    } else if (*action == "delete") {
        event.kind = domain::ChangeKind::Delete;
    } else if (*action == "clock") {
        const auto* clock = text("clock");
        if (!clock) return std::nullopt;
        event.kind = domain::ChangeKind::Clock;
        event.clock = std::string(*clock);
    } else {
        return std::nullopt;
    }
    if (caseId) event.caseId = std::string(*caseId);
    if (const auto* origin = text("origin")) event.origin = std::string(*origin);
    if (const auto* seq = object.if_contains("seq"); seq && seq->is_number()) {
        json::error_code bad;
        auto number = seq->to_number<std::uint64_t>(bad);
        if (!bad) event.seq = number;
    }
    return event;
}

}  // namespace caseboard::store::postgres
