#include "domain/SessionBodyReader.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <unordered_set>

#include "domain/Clock.hpp"
#include "domain/Date.hpp"
#include "domain/Text.hpp"
#include "domain/TheatreSession.hpp"
#include "domain/Uuid.hpp"

namespace caseboard::domain {

namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 8> kSessionKeys = {
    "date", "theatre", "period", "starts_at", "ends_at", "capacity_minutes", "consultant", "notes"};
// What the server sets: a client may send back a session as it read it, and these are ignored.
constexpr std::array<std::string_view, 5> kSessionServerKeys = {"id", "created_at", "updated_at",
                                                                "booked_minutes", "over_capacity"};
// A list holds far fewer cases than this: a longer list cannot be the session's.
constexpr std::size_t kCaseIdsMax = 1000;

bool isWallClock(std::string_view text) {
    return text.size() == 5 && text[2] == ':' && isAsciiDigit(text[0]) && isAsciiDigit(text[1]) &&
           isAsciiDigit(text[3]) && isAsciiDigit(text[4]) &&
           (text[0] - '0') * 10 + (text[1] - '0') < 24 && text[3] < '6';
}

}  // namespace

void SessionBodyReader::refuseUnknown(bool caseIdsAllowed) {
    for (const auto& [key, value] : body_) {
        const std::string_view name(key);
        if (name == "case_ids" && !caseIdsAllowed) continue;  // the computed list, read back
        bool known = std::ranges::find(kSessionKeys, name) != kSessionKeys.end() ||
                     std::ranges::find(kSessionServerKeys, name) != kSessionServerKeys.end() ||
                     name == "case_ids";
        if (!known) fail(key, "Extra inputs are not permitted", "extra_forbidden");
    }
}

void SessionBodyReader::require(std::string_view key) {
    if (!body_.contains(key)) fail(key, "Field required", "missing");
}

std::optional<std::string> SessionBodyReader::date() {
    const auto* value = body_.if_contains("date");
    if (!value) return std::nullopt;
    std::optional<Date> date;
    if (value->is_string()) date = Date::parse(value->get_string());
    if (!date) {
        fail("date", "Input should be a valid date in the format YYYY-MM-DD", "date_from_string");
        return std::nullopt;
    }
    return date->str();
}

std::optional<std::string> SessionBodyReader::text(std::string_view key, std::size_t min,
                                                   std::size_t max, bool trim,
                                                   std::optional<std::string> nullAs) {
    const auto* value = body_.if_contains(key);
    if (!value) return std::nullopt;
    if (value->is_null() && nullAs) return nullAs;
    if (!value->is_string()) {
        fail(key, "Input should be a valid string", "string_type");
        return std::nullopt;
    }
    if (hasForbiddenControl(value->get_string())) {
        fail(key, kControlCharacterMsg, kControlCharacterType);
        return std::nullopt;
    }
    std::string text = trim ? trimmed(value->get_string()) : std::string(value->get_string());
    const std::size_t length = codePoints(text);
    if (length < min) {
        fail(key, "String should have at least " + std::to_string(min) + " character",
             "string_too_short");
        return std::nullopt;
    }
    if (length > max) {
        fail(key, "String should have at most " + std::to_string(max) + " characters",
             "string_too_long");
        return std::nullopt;
    }
    return text;
}

std::optional<std::string> SessionBodyReader::period() {
    const auto* value = body_.if_contains("period");
    if (!value) return std::nullopt;
    if (value->is_string() &&
        std::ranges::find(kSessionPeriods, std::string_view(value->get_string())) !=
            std::end(kSessionPeriods)) {
        return std::string(value->get_string());
    }
    fail("period", "Input should be 'am', 'pm', 'all_day' or 'evening'", "literal_error");
    return std::nullopt;
}

std::optional<std::optional<std::string>> SessionBodyReader::time(std::string_view key) {
    const auto* value = body_.if_contains(key);
    if (!value) return std::nullopt;
    if (value->is_null()) return std::optional<std::string>();
    if (value->is_string()) {
        std::string_view text = value->get_string();
        if (isWallClock(text)) return std::optional<std::string>(std::string(text));
        if (auto when = parseTimestamp(text)) {
            return std::optional<std::string>(formatTimestamp(*when));
        }
    }
    fail(key, "Input should be null, a time HH:MM or an RFC 3339 date and time", "time_parsing");
    return std::nullopt;
}

std::optional<std::int64_t> SessionBodyReader::capacity() {
    const auto* value = body_.if_contains("capacity_minutes");
    if (!value) return std::nullopt;
    if (!value->is_int64()) {
        fail("capacity_minutes", "Input should be a valid integer", "int_type");
        return std::nullopt;
    }
    if (value->get_int64() < 1 || value->get_int64() > 1440) {
        fail("capacity_minutes", "Input should be between 1 and 1440", "int_range");
        return std::nullopt;
    }
    return value->get_int64();
}

std::optional<std::vector<std::string>> SessionBodyReader::caseIds() {
    const auto* value = body_.if_contains("case_ids");
    if (!value) return std::nullopt;
    if (!value->is_array() || value->get_array().size() > kCaseIdsMax) {
        fail("case_ids", "Input should be a list of the session's case ids", "list_type");
        return std::nullopt;
    }
    std::vector<std::string> ids;
    std::unordered_set<std::string> seen;
    for (const auto& item : value->get_array()) {
        std::optional<std::string> id;
        if (item.is_string()) id = canonicalUuid(item.get_string());
        if (!id || !seen.insert(*id).second) {
            fail("case_ids", "Input should list each of the session's cases once", "case_ids");
            return std::nullopt;
        }
        ids.push_back(*id);
    }
    return ids;
}

void SessionBodyReader::fail(std::string_view key, std::string msg, std::string type) {
    errors_.push_back({{"body", std::string(key)}, std::move(msg), std::move(type)});
}
void SessionBodyReader::throwIfFailed() const {
    if (!errors_.empty()) throw ValidationError(errors_);
}

}  // namespace caseboard::domain
