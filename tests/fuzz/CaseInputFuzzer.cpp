// A request body → a case draft, patch or moves, as POST /cases/, PATCH /cases/{id} and
// POST /cases/reorder read it. Whatever the body, the answer is a value that keeps every field
// rule, or a 400 / 422; never a crash, and never text that a store would keep differently.
#include <boost/json.hpp>

#include <cstdint>
#include <string_view>

#include "FuzzInput.hpp"
#include "api/ApiError.hpp"
#include "api/JsonBody.hpp"
#include "domain/CaseInput.hpp"
#include "domain/Text.hpp"
#include "domain/ValidationError.hpp"

namespace {

using namespace caseboard;
using fuzz::violated;

void checkText(const std::string& text, std::size_t max) {
    if (!domain::isValidUtf8(text)) violated("text that is not UTF-8 was accepted");
    if (domain::hasForbiddenControl(text)) violated("a control character was accepted");
    if (domain::codePoints(text) > max) violated("text over its length limit was accepted");
}

void checkText(const std::optional<std::string>& text, std::size_t max) {
    if (text) checkText(*text, max);
}

void checkText(const std::optional<std::optional<std::string>>& text, std::size_t max) {
    if (text) checkText(*text, max);
}

void checkSection(const std::string& section) {
    auto isSlug = [](char c) {
        return domain::isAsciiLower(c) || domain::isAsciiDigit(c) || c == '_';
    };
    if (!domain::consistsOf(section, 1, 64, isSlug)) violated("a bad section was accepted");
}

void checkDraft(const domain::CaseDraft& draft) {
    if (draft.name.empty()) violated("an empty name was accepted");
    checkText(draft.name, 200);
    checkSection(draft.section);
    checkText(draft.diagnosis, 2000);
    checkText(draft.outcome, 200);
    checkText(draft.hospitalNumber, 32);
    checkText(draft.ward, 64);
    checkText(draft.consultant, 100);
    checkText(draft.notes, 10000);
}

void checkPatch(const domain::CasePatch& patch) {
    if (patch.name && patch.name->empty()) violated("an empty name was accepted");
    checkText(patch.name, 200);
    if (patch.section) checkSection(*patch.section);
    checkText(patch.diagnosis, 2000);
    checkText(patch.outcome, 200);
    checkText(patch.hospitalNumber, 32);
    checkText(patch.ward, 64);
    checkText(patch.consultant, 100);
    checkText(patch.notes, 10000);
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
        for (const auto& move : moves) checkSection(move.section);
    });
    return 0;
}
