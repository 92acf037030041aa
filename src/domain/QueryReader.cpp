#include "domain/QueryReader.hpp"

#include <charconv>

#include "domain/Text.hpp"

namespace caseboard::domain {

std::optional<std::string> QueryReader::text(std::string_view name) {
    auto found = raw(name);
    // Percent-decoding can give any bytes; a JSON body's text is checked by its parser.
    if (found && !isValidUtf8(*found)) {
        fail(name, "Input should be a valid string, unable to parse raw data as a unicode string",
             "string_unicode");
        return std::nullopt;
    }
    if (found && hasForbiddenControl(*found)) {
        fail(name, kControlCharacterMsg, kControlCharacterType);
        return std::nullopt;
    }
    return found;
}

std::optional<Date> QueryReader::date(std::string_view name) {
    auto value = raw(name);
    if (!value) return std::nullopt;
    auto date = Date::parse(*value);
    if (!date)
        fail(name, "Input should be a valid date in the format YYYY-MM-DD", "date_from_string");
    return date;
}

std::optional<int> QueryReader::integer(std::string_view name, int min, int max) {
    auto value = raw(name);
    if (!value) return std::nullopt;
    int parsed = 0;
    auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), parsed);
    if (ec != std::errc() || end != value->data() + value->size()) {
        fail(name, "Input should be a valid integer", "int_parsing");
        return std::nullopt;
    }
    if (parsed < min || parsed > max) {
        fail(name, "Input should be between " + std::to_string(min) + " and " + std::to_string(max),
             "int_range");
        return std::nullopt;
    }
    return parsed;
}

bool QueryReader::boolean(std::string_view name, bool fallback) {
    auto value = raw(name);
    if (!value) return fallback;
    if (*value == "true" || *value == "1") return true;
    if (*value == "false" || *value == "0") return false;
    fail(name, "Input should be a valid boolean (true, false, 1 or 0)", "bool_parsing");
    return fallback;
}

void QueryReader::fail(std::string_view name, std::string msg, std::string type) {
    errors_.push_back({{"query", std::string(name)}, std::move(msg), std::move(type)});
}

void QueryReader::throwIfFailed() const {
    if (!errors_.empty()) throw ValidationError(errors_);
}

}  // namespace caseboard::domain
