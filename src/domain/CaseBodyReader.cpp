#include "domain/CaseBodyReader.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <regex>

#include "domain/CaseFieldValues.hpp"
#include "domain/Clock.hpp"
#include "domain/Date.hpp"
#include "domain/Text.hpp"

namespace caseboard::domain {

namespace json = boost::json;

namespace {

// Keeps a text value, or clears the field when there is none: "" where the field cannot hold
// null, null where it can.
void keepText(const CaseField& field, std::optional<std::string> text, Case& into) {
    if (auto member = std::get_if<std::optional<std::string> Case::*>(&field.member)) {
        into.** member = std::move(text);
    } else {
        into.*std::get<std::string Case::*>(field.member) = std::move(text).value_or("");
    }
}

// "'am', 'pm' or null": what a choice may be, as the 422 says it.
std::string choiceList(const CaseField& field, bool orNull) {
    std::vector<std::string> choices;
    for (std::string_view value : field.values) choices.push_back("'" + std::string(value) + "'");
    if (orNull) choices.emplace_back("null");
    std::string list = choices.front();
    for (std::size_t i = 1; i < choices.size(); ++i) {
        list += (i + 1 == choices.size() ? " or " : ", ") + choices[i];
    }
    return list;
}

// "'consent', 'site_marked', …": the keys an object may have.
std::string keyList(const CaseField& field) {
    std::string list;
    for (std::string_view key : field.keys) {
        if (!list.empty()) list += ", ";
        list += "'" + std::string(key) + "'";
    }
    return list;
}

// Each field's pattern, compiled once; a field without one has an empty expression, never used.
const std::regex& compiledPattern(const CaseField& field) {
    static const auto compiled = [] {
        std::array<std::regex, kCaseFieldCount> all;
        for (std::size_t i = 0; i < kCaseFieldCount; ++i) {
            if (!kCaseFields[i].text.pattern.empty()) {
                all[i] = std::regex(std::string(kCaseFields[i].text.pattern));
            }
        }
        return all;
    }();
    // Every field this reader sees is an element of the table.
    return compiled[static_cast<std::size_t>(&field - kCaseFields)];
}

}  // namespace

CasePatch CaseBodyReader::readFields() {
    Case values;
    std::bitset<kMaxCaseFields> sent;
    for (std::size_t i = 0; i < kCaseFieldCount; ++i) {
        const CaseField& field = kCaseFields[i];
        const json::value* value = field.writable() ? find(field.name) : nullptr;
        if (!value || (value->is_null() && field.onNull == OnNull::Ignored)) continue;
        if (read(field, *value, values)) sent.set(i);
    }
    return CasePatch(std::move(values), sent);
}

void CaseBodyReader::fail(std::string_view field, std::string msg, std::string type) {
    auto loc = where_;
    loc.emplace_back(field);
    errors_.push_back({std::move(loc), std::move(msg), std::move(type)});
}

void CaseBodyReader::failAt(std::string_view field, std::string_view key, std::string msg,
                            std::string type) {
    auto loc = where_;
    loc.emplace_back(field);
    loc.emplace_back(key);
    errors_.push_back({std::move(loc), std::move(msg), std::move(type)});
}

void CaseBodyReader::throwIfFailed() const {
    if (!errors_.empty()) throw ValidationError(errors_);
}

bool CaseBodyReader::read(const CaseField& field, const json::value& value, Case& into) {
    if (value.is_null() && (field.onNull == OnNull::Clears || field.onNull == OnNull::Resets)) {
        // A new case's value: "" or no value for a field that clears, the default for one that
        // resets.
        static const Case kNewCase{};
        copyValue(field, kNewCase, into);
        return true;
    }
    switch (field.type) {
        case FieldType::String:
            return field.values.empty() ? readText(field, value, into)
                                        : readChoice(field, value, into);
        case FieldType::Date:
            return readDate(field, value, into);
        case FieldType::Integer:
            return readInteger(field, value, into);
        case FieldType::Boolean:
            return readBoolean(field, value, into);
        case FieldType::Timestamp:
            return readTimestamp(field, value, into);
        case FieldType::Object:
            return readObject(field, value, into);
        case FieldType::Array:  // never writable (CaseFields.cpp): not read from a client
            break;
    }
    return false;
}

bool CaseBodyReader::readText(const CaseField& field, const json::value& value, Case& into) {
    if (!value.is_string()) {
        fail(field.name, "Input should be a valid string", "string_type");
        return false;
    }
    // Before trimming: a form feed or vertical tab at either end is refused, not dropped.
    if (hasForbiddenControl(value.get_string())) {
        fail(field.name, kControlCharacterMsg, kControlCharacterType);
        return false;
    }
    std::string text =
        field.text.trim ? trimmed(value.get_string()) : std::string(value.get_string());
    if (!withinLength(field, text)) return false;
    // A field that can hold null keeps no "" (that would be a second way to say "none").
    if (text.empty() && field.nullable()) {
        keepText(field, std::nullopt, into);
        return true;
    }
    if (!matchesPattern(field, text)) return false;
    keepText(field, std::move(text), into);
    return true;
}

bool CaseBodyReader::readChoice(const CaseField& field, const json::value& value, Case& into) {
    if (value.is_string() &&
        std::ranges::find(field.values, std::string_view(value.get_string())) !=
            field.values.end()) {
        keepText(field, std::string(value.get_string()), into);
        return true;
    }
    fail(field.name, "Input should be " + choiceList(field, field.nullable()), "literal_error");
    return false;
}

bool CaseBodyReader::readDate(const CaseField& field, const json::value& value, Case& into) {
    std::optional<Date> date;
    if (value.is_string()) date = Date::parse(value.get_string());
    if (!date) {
        fail(field.name, "Input should be a valid date in the format YYYY-MM-DD",
             "date_from_string");
        return false;
    }
    // Tomorrow in UTC: any time zone's today is at most that.
    if (field.notFuture && *date > Date::todayUtc().nextDay()) {
        fail(field.name, "Date should not be in the future", "date_future");
        return false;
    }
    keepText(field, date->str(), into);
    return true;
}

// The JSON parser keeps any integer that fits in int64 as one: anything else is no integer here.
bool CaseBodyReader::readInteger(const CaseField& field, const json::value& value, Case& into) {
    if (!value.is_int64()) {
        fail(field.name, "Input should be a valid integer", "int_type");
        return false;
    }
    const IntegerRange& range = *field.range;
    if (value.get_int64() < range.min || value.get_int64() > range.max) {
        fail(field.name,
             "Input should be between " + std::to_string(range.min) + " and " +
                 std::to_string(range.max),
             "int_range");
        return false;
    }
    if (auto nullable = std::get_if<std::optional<std::int64_t> Case::*>(&field.member)) {
        into.** nullable = value.get_int64();
    } else {
        into.*std::get<std::int64_t Case::*>(field.member) = value.get_int64();
    }
    return true;
}

bool CaseBodyReader::readBoolean(const CaseField& field, const json::value& value, Case& into) {
    if (!value.is_bool()) {
        fail(field.name, "Input should be a valid boolean", "bool_type");
        return false;
    }
    into.*std::get<bool Case::*>(field.member) = value.get_bool();
    return true;
}

// Kept in one form whatever offset the client wrote (as created_at is), so that both stores give
// back the same text and times compare as text.
bool CaseBodyReader::readTimestamp(const CaseField& field, const json::value& value, Case& into) {
    using namespace std::chrono;
    // Nobody was admitted before this: an earlier year is a typing mistake.
    static const TimePoint kEarliest = sys_days(year(1900) / January / 1);
    std::optional<TimePoint> when;
    if (value.is_string()) when = parseTimestamp(value.get_string());
    if (!when) {
        fail(field.name,
             "Input should be a valid RFC 3339 date and time with an offset, e.g. "
             "2025-08-22T06:09:27Z",
             "datetime_parsing");
        return false;
    }
    if (*when < kEarliest) {
        fail(field.name, "Time should be in 1900 or later", "datetime_past");
        return false;
    }
    if (field.notFuture && *when > system_clock::now() + hours(1)) {
        fail(field.name, "Time should not be more than an hour in the future", "datetime_future");
        return false;
    }
    keepText(field, formatTimestamp(*when), into);
    return true;
}

// Only the keys sent, each checked on its own: a patch merges them into what the case has.
bool CaseBodyReader::readObject(const CaseField& field, const json::value& value, Case& into) {
    if (!value.is_object()) {
        fail(field.name, "Input should be a valid object", "dict_type");
        return false;
    }
    // More entries than keys cannot all be keys: one error, not one per entry (a body of a
    // thousand made-up keys must not earn a 422 a hundred times its size).
    if (value.get_object().size() > field.keys.size()) {
        fail(field.name,
             "Object should have at most " + std::to_string(field.keys.size()) +
                 " items, one per key: " + keyList(field),
             "too_long");
        return false;
    }
    FieldMap map;
    bool valid = true;
    for (const auto& [key, item] : value.get_object()) {
        if (std::ranges::find(field.keys, std::string_view(key)) == field.keys.end()) {
            failAt(field.name, key, "Unknown item: it should be one of " + keyList(field),
                   "extra_forbidden");
            valid = false;
        } else if (!item.is_string() ||
                   std::ranges::find(field.values, std::string_view(item.get_string())) ==
                       field.values.end()) {
            failAt(field.name, key, "Input should be " + choiceList(field, false), "literal_error");
            valid = false;
        } else {
            map.emplace(std::string(key), std::string(item.get_string()));
        }
    }
    if (valid) into.*std::get<FieldMap Case::*>(field.member) = std::move(map);
    return valid;
}

bool CaseBodyReader::withinLength(const CaseField& field, const std::string& text) {
    std::size_t length = codePoints(text);
    if (length < field.text.minLength) {
        fail(field.name,
             "String should have at least " + std::to_string(field.text.minLength) + " character",
             "string_too_short");
        return false;
    }
    if (field.text.maxLength && length > *field.text.maxLength) {
        fail(field.name,
             "String should have at most " + std::to_string(*field.text.maxLength) + " characters",
             "string_too_long");
        return false;
    }
    return true;
}

bool CaseBodyReader::matchesPattern(const CaseField& field, const std::string& text) {
    if (field.text.pattern.empty() || std::regex_match(text, compiledPattern(field))) return true;
    fail(field.name, "String should match pattern '" + std::string(field.text.pattern) + "'",
         "string_pattern_mismatch");
    return false;
}

}  // namespace caseboard::domain
