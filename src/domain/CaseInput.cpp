#include "domain/CaseInput.hpp"

#include <boost/json.hpp>

#include <unordered_set>

#include "domain/CaseBodyReader.hpp"
#include "domain/Uuid.hpp"

namespace caseboard::domain {

namespace json = boost::json;

namespace {

constexpr std::size_t kMovesMax = 1000;

// A move is read by the same field rules as a patch, so that a section or order_index has one
// rule wherever it is written.
std::optional<CaseMove> readMove(CaseBodyReader& reader) {
    CasePatch fields = reader.readFields();
    std::optional<std::string> id;
    if (auto* v = reader.find("id")) {
        if (v->is_string()) id = canonicalUuid(v->get_string());
        if (!id) reader.fail("id", "Input should be a valid UUID", "uuid_parsing");
    }
    for (const char* required : {"id", "section", "order_index"}) {
        if (!reader.find(required)) reader.fail(required, "Field required", "missing");
    }
    if (!id || !fields.has(&Case::section) || !fields.has(&Case::orderIndex)) return std::nullopt;
    return CaseMove{*id, fields.values().section, fields.values().orderIndex};
}

}  // namespace

std::vector<CaseMove> parseCaseMoves(const json::object& body) {
    const json::value* list = body.if_contains("moves");
    std::vector<FieldError> errors;
    if (!list || !list->is_array()) {
        errors.push_back(
            {{"body", "moves"}, "Input should be a valid list", list ? "list_type" : "missing"});
        throw ValidationError(errors);
    }
    if (list->get_array().size() > kMovesMax) {
        errors.push_back({{"body", "moves"}, "List should have at most 1000 items", "too_long"});
        throw ValidationError(errors);
    }
    std::vector<CaseMove> moves;
    // A case moved twice in one request would be moved (and recorded) twice: refused.
    std::unordered_set<std::string> named;
    std::size_t index = 0;
    for (const auto& item : list->get_array()) {
        std::vector<std::string> where{"body", "moves", std::to_string(index++)};
        if (!item.is_object()) {
            errors.push_back({where, "Input should be a valid object", "model_type"});
            continue;
        }
        CaseBodyReader reader(item.get_object(), where);
        auto move = readMove(reader);
        for (auto& error : reader.takeErrors()) errors.push_back(std::move(error));
        if (move && !named.insert(move->id).second) {
            where.emplace_back("id");
            errors.push_back({where, "Each case may be moved once per request", "duplicate"});
        } else if (move) {
            moves.push_back(std::move(*move));
        }
    }
    if (!errors.empty()) throw ValidationError(errors);
    return moves;
}

CaseDraft parseCaseDraft(const json::object& body) {
    CaseBodyReader reader(body, {"body"});
    CasePatch fields = reader.readFields();
    for (const CaseField& field : kCaseFields) {
        if (field.required() && !reader.find(field.name)) {
            reader.fail(field.name, "Field required", "missing");
        }
    }
    reader.throwIfFailed();
    // A field not sent starts as a new Case{} has it.
    CaseDraft draft;
    static_cast<Case&>(draft) = fields.appliedTo(Case{});
    if (fields.has(&Case::orderIndex)) draft.orderIndex = fields.values().orderIndex;
    return draft;
}

CasePatch parseCasePatch(const json::object& body) {
    CaseBodyReader reader(body, {"body"});
    CasePatch patch = reader.readFields();
    reader.throwIfFailed();
    return patch;
}

}  // namespace caseboard::domain
