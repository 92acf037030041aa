#include "harness/Events.hpp"

#include <sstream>

namespace caseboard::it {

namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds remaining(Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return left.count() > 0 ? left : std::chrono::milliseconds(0);
}

bool matches(const boost::json::object& event, const std::string& action,
             const std::string& caseId) {
    const auto* a = event.if_contains("action");
    if (a == nullptr || !a->is_string() || a->as_string() != action) {
        return false;
    }
    if (caseId.empty()) {
        return true;
    }
    const auto* c = event.if_contains("case");
    return c != nullptr && c->is_string() && c->as_string() == caseId;
}

boost::json::object asObject(const boost::json::value& value) {
    if (value.is_object()) {
        return value.as_object();
    }
    return boost::json::object{{"unparsed", boost::json::serialize(value)}};
}

}  // namespace

std::vector<boost::json::object> Events::untilMarker(WsClient& ws, const std::string& marker,
                                                     std::chrono::milliseconds timeout,
                                                     std::chrono::milliseconds quiet) {
    std::vector<boost::json::object> events;
    const auto deadline = Clock::now() + timeout;
    bool seen = false;
    while (!seen) {
        const auto left = remaining(deadline);
        if (left.count() == 0) {
            break;
        }
        const auto message = ws.readJson(left);
        if (!message) {
            break;
        }
        auto event = asObject(*message);
        const auto* text = event.if_contains("text");
        if (matches(event, "message", "") && text != nullptr && text->is_string() &&
            text->as_string() == marker) {
            seen = true;
        } else {
            events.push_back(std::move(event));
        }
    }
    for (auto& more : drain(ws, quiet)) {
        events.push_back(std::move(more));
    }
    return events;
}

std::vector<boost::json::object> Events::until(WsClient& ws, const std::string& action,
                                               std::size_t wanted,
                                               std::chrono::milliseconds timeout,
                                               std::chrono::milliseconds quiet) {
    std::vector<boost::json::object> events;
    const auto deadline = Clock::now() + timeout;
    while (count(events, action) < wanted) {
        const auto left = remaining(deadline);
        if (left.count() == 0) {
            break;
        }
        const auto message = ws.readJson(left);
        if (!message) {
            break;
        }
        events.push_back(asObject(*message));
    }
    for (auto& more : drain(ws, quiet)) {
        events.push_back(std::move(more));
    }
    return events;
}

std::vector<boost::json::object> Events::drain(WsClient& ws, std::chrono::milliseconds quiet,
                                               std::chrono::milliseconds limit) {
    std::vector<boost::json::object> events;
    const auto deadline = Clock::now() + limit;
    while (remaining(deadline).count() > 0) {
        const auto message = ws.readJson(std::min(quiet, remaining(deadline)));
        if (!message) {
            break;
        }
        events.push_back(asObject(*message));
    }
    return events;
}

std::size_t Events::count(const std::vector<boost::json::object>& events, const std::string& action,
                          const std::string& caseId) {
    std::size_t n = 0;
    for (const auto& event : events) {
        if (matches(event, action, caseId)) {
            ++n;
        }
    }
    return n;
}

boost::json::object Events::find(const std::vector<boost::json::object>& events,
                                 const std::string& action, const std::string& caseId) {
    for (const auto& event : events) {
        if (matches(event, action, caseId)) {
            return event;
        }
    }
    return {};
}

std::string Events::describe(const std::vector<boost::json::object>& events) {
    std::ostringstream out;
    out << events.size() << " message(s):";
    for (const auto& event : events) {
        out << "\n  " << boost::json::serialize(event).substr(0, 300);
    }
    return out.str();
}

}  // namespace caseboard::it
