#include "domain/CaseInput.hpp"

#include <boost/json.hpp>

#include <limits>
#include <unordered_set>

#include "domain/Date.hpp"
#include "domain/Text.hpp"
#include "domain/Uuid.hpp"
#include "domain/ValidationError.hpp"

namespace caseboard::domain {

namespace json = boost::json;

namespace {

constexpr std::size_t kNameMax = 200;
constexpr std::size_t kDiagnosisMax = 2000;
constexpr std::size_t kOutcomeMax = 200;
constexpr std::size_t kMovesMax = 1000;
constexpr std::size_t kWardMax = 64;
constexpr std::size_t kConsultantMax = 100;
constexpr std::size_t kNotesMax = 10000;
constexpr std::int64_t kOrderIndexLimit = std::numeric_limits<std::int32_t>::max();

// Collects the errors of one body; each field reader returns a value only when it is valid.
class BodyReader {
  public:
    BodyReader(const json::object& body, std::vector<std::string> where)
        : body_(body), where_(std::move(where)) {}

    const json::value* find(std::string_view field) const { return body_.if_contains(field); }

    void fail(std::string_view field, std::string msg, std::string type) {
        auto loc = where_;
        loc.emplace_back(field);
        errors_.push_back({std::move(loc), std::move(msg), std::move(type)});
    }

    std::optional<std::string> text(std::string_view field, const json::value& v, std::size_t max,
                                    bool trim, std::size_t min = 0) {
        if (!v.is_string()) {
            fail(field, "Input should be a valid string", "string_type");
            return std::nullopt;
        }
        // Before trimming: a form feed or vertical tab at either end is refused, not dropped.
        if (hasForbiddenControl(v.get_string())) {
            fail(field, kControlCharacterMsg, kControlCharacterType);
            return std::nullopt;
        }
        std::string value = trim ? trimmed(v.get_string()) : std::string(v.get_string());
        std::size_t length = codePoints(value);
        if (length < min) {
            fail(field, "String should have at least " + std::to_string(min) + " character",
                 "string_too_short");
            return std::nullopt;
        }
        if (length > max) {
            fail(field, "String should have at most " + std::to_string(max) + " characters",
                 "string_too_long");
            return std::nullopt;
        }
        return value;
    }

    // Optional free text: null is taken as "" so that a client can clear it either way.
    std::optional<std::string> freeText(std::string_view field, const json::value& v,
                                        std::size_t max) {
        if (v.is_null()) return std::string();
        return text(field, v, max, false);
    }

    std::optional<std::string> name(const json::value& v) {
        return text("name", v, kNameMax, true, 1);
    }

    std::optional<std::string> section(const json::value& v) {
        auto value = text("section", v, 64, false, 1);
        auto isSlug = [](char c) { return isAsciiLower(c) || isAsciiDigit(c) || c == '_'; };
        if (value && !consistsOf(*value, 1, 64, isSlug)) {
            fail("section", "String should match pattern '^[a-z0-9_]{1,64}$'",
                 "string_pattern_mismatch");
            return std::nullopt;
        }
        return value;
    }

    // Outer empty: invalid. Inner empty: the client cleared the date with null.
    std::optional<std::optional<std::string>> date(std::string_view field, const json::value& v) {
        if (v.is_null()) return std::optional<std::string>();
        if (v.is_string()) {
            if (auto parsed = Date::parse(v.get_string())) return parsed->str();
        }
        fail(field, "Input should be a valid date in the format YYYY-MM-DD", "date_from_string");
        return std::nullopt;
    }

    // MRN: letters, digits and hyphens; "" or null clears it.
    std::optional<std::optional<std::string>> hospitalNumber(const json::value& v) {
        if (v.is_null()) return std::optional<std::string>();
        auto value = text("hospital_number", v, 32, true);
        if (!value) return std::nullopt;
        if (value->empty()) return std::optional<std::string>();
        auto isMrn = [](char c) { return isAsciiLetter(c) || isAsciiDigit(c) || c == '-'; };
        if (!consistsOf(*value, 1, 32, isMrn)) {
            fail("hospital_number", "String should match pattern '^[A-Za-z0-9-]{1,32}$'",
                 "string_pattern_mismatch");
            return std::nullopt;
        }
        return value;
    }

    // An injury cannot be later than tomorrow in UTC (any time zone's today is at most that).
    std::optional<std::optional<std::string>> injuryDate(const json::value& v) {
        auto value = date("date_of_injury", v);
        if (value && *value && **value > Date::todayUtc().nextDay().str()) {
            fail("date_of_injury", "Date should not be in the future", "date_future");
            return std::nullopt;
        }
        return value;
    }

    std::optional<std::optional<std::string>> theatreSlot(const json::value& v) {
        if (v.is_null()) return std::optional<std::string>();
        if (v.is_string() && (v.get_string() == "am" || v.get_string() == "pm")) {
            return std::optional<std::string>(std::string(v.get_string()));
        }
        fail("theatre_slot", "Input should be 'am', 'pm' or null", "literal_error");
        return std::nullopt;
    }

    std::optional<std::int64_t> integer(std::string_view field, const json::value& v) {
        std::optional<std::int64_t> value;
        if (v.is_int64()) value = v.get_int64();
        if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(kOrderIndexLimit)) {
            value = static_cast<std::int64_t>(v.get_uint64());
        }
        if (!value) {
            fail(field, "Input should be a valid integer", "int_type");
        } else if (*value > kOrderIndexLimit || *value < -kOrderIndexLimit) {
            fail(field, "Input should be between -2147483647 and 2147483647", "int_range");
            value.reset();
        }
        return value;
    }

    std::optional<bool> boolean(std::string_view field, const json::value& v) {
        if (v.is_bool()) return v.get_bool();
        fail(field, "Input should be a valid boolean", "bool_type");
        return std::nullopt;
    }

    void throwIfFailed() const {
        if (!errors_.empty()) throw ValidationError(errors_);
    }

    std::vector<FieldError> takeErrors() { return std::move(errors_); }

  private:
    const json::object& body_;
    std::vector<std::string> where_;
    std::vector<FieldError> errors_;
};

// Reads every optional field into a patch; shared by create and update so that each field
// has exactly one rule.
CasePatch readFields(BodyReader& reader) {
    CasePatch patch;
    if (auto* v = reader.find("name")) patch.name = reader.name(*v);
    if (auto* v = reader.find("diagnosis"))
        patch.diagnosis = reader.freeText("diagnosis", *v, kDiagnosisMax);
    if (auto* v = reader.find("outcome"))
        patch.outcome = reader.freeText("outcome", *v, kOutcomeMax);
    if (auto* v = reader.find("section")) patch.section = reader.section(*v);
    if (auto* v = reader.find("surgery_date")) patch.surgeryDate = reader.date("surgery_date", *v);
    if (auto* v = reader.find("order_index")) {
        if (!v->is_null()) patch.orderIndex = reader.integer("order_index", *v);
    }
    if (auto* v = reader.find("archived")) patch.archived = reader.boolean("archived", *v);
    if (auto* v = reader.find("hospital_number")) patch.hospitalNumber = reader.hospitalNumber(*v);
    if (auto* v = reader.find("ward")) patch.ward = reader.freeText("ward", *v, kWardMax);
    if (auto* v = reader.find("consultant"))
        patch.consultant = reader.freeText("consultant", *v, kConsultantMax);
    if (auto* v = reader.find("date_of_injury")) patch.dateOfInjury = reader.injuryDate(*v);
    if (auto* v = reader.find("theatre_slot")) patch.theatreSlot = reader.theatreSlot(*v);
    if (auto* v = reader.find("notes")) patch.notes = reader.freeText("notes", *v, kNotesMax);
    return patch;
}

std::optional<CaseMove> readMove(BodyReader& reader) {
    CasePatch fields = readFields(reader);
    std::optional<std::string> id;
    if (auto* v = reader.find("id")) {
        if (v->is_string()) id = canonicalUuid(v->get_string());
        if (!id) reader.fail("id", "Input should be a valid UUID", "uuid_parsing");
    }
    for (const char* required : {"id", "section", "order_index"}) {
        if (!reader.find(required)) reader.fail(required, "Field required", "missing");
    }
    if (!id || !fields.section || !fields.orderIndex) return std::nullopt;
    return CaseMove{*id, *fields.section, *fields.orderIndex};
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
        BodyReader reader(item.get_object(), where);
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
    BodyReader reader(body, {"body"});
    CasePatch fields = readFields(reader);
    for (const char* required : {"name", "section"}) {
        if (!reader.find(required)) reader.fail(required, "Field required", "missing");
    }
    reader.throwIfFailed();
    CaseDraft draft;
    draft.name = *fields.name;
    draft.section = *fields.section;
    draft.diagnosis = fields.diagnosis.value_or("");
    draft.outcome = fields.outcome.value_or("");
    if (fields.surgeryDate) draft.surgeryDate = *fields.surgeryDate;
    draft.orderIndex = fields.orderIndex;
    draft.archived = fields.archived.value_or(false);
    if (fields.hospitalNumber) draft.hospitalNumber = *fields.hospitalNumber;
    draft.ward = fields.ward.value_or("");
    draft.consultant = fields.consultant.value_or("");
    if (fields.dateOfInjury) draft.dateOfInjury = *fields.dateOfInjury;
    if (fields.theatreSlot) draft.theatreSlot = *fields.theatreSlot;
    draft.notes = fields.notes.value_or("");
    return draft;
}

CasePatch parseCasePatch(const json::object& body) {
    BodyReader reader(body, {"body"});
    CasePatch patch = readFields(reader);
    reader.throwIfFailed();
    return patch;
}

}  // namespace caseboard::domain
