#include "domain/CaseCancellation.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <vector>

#include "domain/CaseRevision.hpp"
#include "domain/Text.hpp"
#include "domain/ValidationError.hpp"

namespace caseboard::domain {

namespace json = boost::json;

namespace {

constexpr std::size_t kNoteMaxLength = 2000;

// "'patient_unfit', 'no_theatre_time', … or 'other'".
std::string reasonList() {
    const std::size_t count = std::size(kCancellationReasons);
    std::string list;
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) list += i + 1 == count ? " or " : ", ";
        list += "'" + std::string(kCancellationReasons[i]) + "'";
    }
    return list;
}

void fail(std::vector<FieldError>& errors, const char* key, std::string msg, std::string type) {
    errors.push_back({{"body", key}, std::move(msg), std::move(type)});
}

std::string readReason(const json::object& body, std::vector<FieldError>& errors) {
    const json::value* value = body.if_contains("reason");
    if (!value) {
        fail(errors, "reason", "Field required", "missing");
        return {};
    }
    const json::string* text = value->if_string();
    if (!text || std::ranges::find(kCancellationReasons, std::string_view(*text)) ==
                     std::end(kCancellationReasons)) {
        fail(errors, "reason", "Input should be " + reasonList(), "literal_error");
        return {};
    }
    return std::string(*text);
}

// Absent and null are no note.
std::string readNote(const json::object& body, std::vector<FieldError>& errors) {
    const json::value* value = body.if_contains("note");
    if (!value || value->is_null()) return {};
    if (!value->is_string()) {
        fail(errors, "note", "Input should be a valid string", "string_type");
        return {};
    }
    std::string_view text = value->get_string();
    if (hasForbiddenControl(text)) {
        fail(errors, "note", kControlCharacterMsg, kControlCharacterType);
        return {};
    }
    std::string note = trimmed(text);
    if (codePoints(note) > kNoteMaxLength) {
        fail(errors, "note", "String should have at most 2000 characters", "string_too_long");
        return {};
    }
    return note;
}

}  // namespace

Cancellation parseCancellation(const json::object& body, std::string by) {
    std::vector<FieldError> errors;
    Cancellation cancellation;
    cancellation.reason = readReason(body, errors);
    cancellation.note = readNote(body, errors);
    cancellation.by = std::move(by);
    // "Other" says nothing by itself: the note is the reason.
    if (errors.empty() && cancellation.reason == "other" && cancellation.note.empty()) {
        fail(errors, "note", "A note is required when the reason is 'other'", "missing");
    }
    if (!errors.empty()) throw ValidationError(std::move(errors));
    return cancellation;
}

Case cancelled(const Case& before, Cancellation cancellation) {
    Case after = nextRevision(before);
    after.sessionId.reset();
    after.theatreStatus.reset();
    // The times were of the attempt that was called off: the next one records its own, and the
    // time-to-theatre report counts the operation that happened.
    after.theatreTimes.clear();
    cancellation.at = after.updatedAt;
    after.cancellations.push_back(std::move(cancellation));
    return after;
}

}  // namespace caseboard::domain
