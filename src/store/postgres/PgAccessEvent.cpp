#include "store/postgres/PgAccessEvent.hpp"

#include <boost/json.hpp>

namespace caseboard::store::postgres {

namespace json = boost::json;

std::string PgAccessEvent::payload(const domain::AccessChange& change) {
    return json::serialize(json::object{{"user", change.userId},
                                        {"ended_session", change.endedSession},
                                        {"all_sessions", change.allSessionsEnded},
                                        {"kept_session", change.keptSession},
                                        {"reading_ended", change.readingEnded}});
}

std::optional<domain::AccessChange> PgAccessEvent::parse(std::string_view payload) {
    json::error_code ec;
    auto value = json::parse(payload, ec);
    if (ec || !value.is_object()) return std::nullopt;
    const auto& object = value.get_object();
    auto text = [&](std::string_view key) -> const json::string* {
        auto* field = object.if_contains(key);
        return field && field->is_string() ? &field->get_string() : nullptr;
    };
    auto flag = [&](std::string_view key) -> std::optional<bool> {
        auto* field = object.if_contains(key);
        if (!field || !field->is_bool()) return std::nullopt;
        return field->get_bool();
    };
    const auto* user = text("user");
    const auto* ended = text("ended_session");
    const auto* kept = text("kept_session");
    auto all = flag("all_sessions");
    auto reading = flag("reading_ended");
    if (!user || user->empty() || !ended || !kept || !all || !reading) return std::nullopt;
    return domain::AccessChange{std::string(*user), std::string(*ended), *all, std::string(*kept),
                                *reading};
}

}  // namespace caseboard::store::postgres
