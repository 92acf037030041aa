// A request body → a case draft, patch, moves or cancellation, as POST /cases/,
// PATCH /cases/{id}, POST /cases/reorder and POST /cases/{id}/cancel read it; and a theatre
// session, as POST /sessions and PATCH /sessions/{id} read it. Whatever the body,
// the answer is a value that keeps every field rule, or a 400 / 422; never a crash, and never text
// that a store would keep differently.
#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <regex>
#include <string_view>

#include "FuzzInput.hpp"
#include "api/ApiError.hpp"
#include "api/JsonBody.hpp"
#include "domain/CaseCancellation.hpp"
#include "domain/CaseFieldValues.hpp"
#include "domain/CaseInput.hpp"
#include "domain/Date.hpp"
#include "domain/SessionInput.hpp"
#include "domain/Text.hpp"
#include "domain/ValidationError.hpp"

namespace {

using namespace caseboard;
using domain::CaseField;
using fuzz::violated;

// The field's pattern, compiled once per field.
bool matchesPattern(const CaseField& field, const std::string& text) {
    static std::array<std::optional<std::regex>, domain::kCaseFieldCount> compiled;
    auto& pattern = compiled[static_cast<std::size_t>(&field - domain::kCaseFields)];
    if (!pattern) pattern.emplace(std::string(field.text.pattern));
    return std::regex_match(text, *pattern);
}

// Every rule of the field table that an accepted text must keep.
void checkText(const CaseField& field, const std::string& text) {
    if (!domain::isValidUtf8(text)) violated("text that is not UTF-8 was accepted");
    if (domain::hasForbiddenControl(text)) violated("a control character was accepted");
    std::size_t length = domain::codePoints(text);
    if (length < field.text.minLength) violated("text under its length limit was accepted");
    if (field.text.maxLength && length > *field.text.maxLength) {
        violated("text over its length limit was accepted");
    }
    if (!field.text.pattern.empty() && !matchesPattern(field, text)) {
        violated("text that breaks its pattern was accepted");
    }
    if (!field.values.empty() && std::ranges::find(field.values, text) == field.values.end()) {
        violated("a value outside its choices was accepted");
    }
}

// Every key and value of an object field is one of the table's.
void checkObject(const CaseField& field, const domain::FieldMap& map) {
    for (const auto& [key, value] : map) {
        if (std::ranges::find(field.keys, key) == field.keys.end()) {
            violated("an unknown key of an object field was accepted");
        }
        if (std::ranges::find(field.values, value) == field.values.end()) {
            violated("a value outside its choices was accepted in an object field");
        }
    }
}

// The text and object fields of `c` that `isSet` names.
template <typename IsSet>
void checkCase(const domain::Case& c, IsSet isSet) {
    for (const CaseField& field : domain::kStoredCaseFields) {
        if (!field.writable() || !isSet(field)) continue;
        if (field.type == domain::FieldType::Object) {
            checkObject(field, c.*std::get<domain::FieldMap domain::Case::*>(field.member));
            continue;
        }
        if (field.type != domain::FieldType::String) continue;
        auto value = domain::fieldJson(field, c);
        if (value.is_string()) checkText(field, std::string(value.get_string()));
    }
}

void checkPatch(const domain::CasePatch& patch) {
    checkCase(patch.values(), [&](const CaseField& field) { return patch.has(field.member); });
}

void checkDraft(const domain::CaseDraft& draft) {
    checkCase(draft, [](const CaseField&) { return true; });
}

// A reason of the list, and a note a store keeps as sent: UTF-8, no control character, at most
// 2000 characters, never blank for "other".
void checkCancellation(const domain::Cancellation& cancellation) {
    if (std::ranges::find(domain::kCancellationReasons, cancellation.reason) ==
        std::end(domain::kCancellationReasons)) {
        violated("a cancellation reason outside the list was accepted");
    }
    const std::string& note = cancellation.note;
    if (!domain::isValidUtf8(note)) violated("a note that is not UTF-8 was accepted");
    if (domain::hasForbiddenControl(note)) violated("a control character was accepted in a note");
    if (domain::codePoints(note) > 2000) violated("a note over 2000 characters was accepted");
    if (cancellation.reason == "other" && domain::trimmed(note).empty()) {
        violated("'other' was accepted without a note");
    }
}

// Text a store keeps as sent: UTF-8, no control character, within its length.
void checkSessionText(const std::string& text, std::size_t min, std::size_t max) {
    if (!domain::isValidUtf8(text)) violated("session text that is not UTF-8 was accepted");
    if (domain::hasForbiddenControl(text))
        violated("a control character was accepted in a session");
    const std::size_t length = domain::codePoints(text);
    if (length < min || length > max) violated("session text outside its length was accepted");
}

// Every rule of a session field that was accepted.
void checkSession(const domain::SessionPatch& session) {
    if (session.date && !domain::Date::parse(*session.date))
        violated("a bad session date was accepted");
    if (session.theatre) checkSessionText(*session.theatre, 1, 64);
    if (session.period && std::ranges::find(domain::kSessionPeriods, *session.period) ==
                              std::end(domain::kSessionPeriods)) {
        violated("a session period outside the list was accepted");
    }
    if (session.capacityMinutes &&
        (*session.capacityMinutes < 1 || *session.capacityMinutes > 1440)) {
        violated("a capacity outside 1..1440 was accepted");
    }
    if (session.consultant) checkSessionText(*session.consultant, 0, 100);
    if (session.notes) checkSessionText(*session.notes, 0, 10000);
}

// Runs one reader; a refusal is an answer too.
template <typename Read>
void attempt(Read read) {
    try {
        read();
    } catch (const domain::ValidationError& error) {
        if (error.errors().empty()) violated("a 422 without a field");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    boost::json::object body;
    try {
        body = api::parseJsonObject(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const api::ApiError& error) {
        if (error.response().status != 400) violated("a malformed body that is not a 400");
        return 0;
    }
    attempt([&] { checkDraft(domain::parseCaseDraft(body)); });
    attempt([&] { checkPatch(domain::parseCasePatch(body)); });
    attempt([&] {
        auto moves = domain::parseCaseMoves(body);
        if (moves.size() > 1000) violated("more than 1000 moves were accepted");
        for (const auto& move : moves) checkText(*domain::findCaseField("section"), move.section);
    });
    attempt([&] { checkCancellation(domain::parseCancellation(body, "fuzz@example.org")); });
    attempt([&] {
        auto s = domain::parseSessionDraft(body);
        domain::SessionPatch asPatch;
        asPatch.date = s.date;
        asPatch.theatre = s.theatre;
        asPatch.period = s.period;
        asPatch.capacityMinutes = s.capacityMinutes;
        asPatch.consultant = s.consultant;
        asPatch.notes = s.notes;
        checkSession(asPatch);
    });
    attempt([&] { checkSession(domain::parseSessionPatch(body)); });
    return 0;
}
