#include "domain/CaseFilter.hpp"

#include <charconv>

#include "domain/Text.hpp"
#include "domain/ValidationError.hpp"

namespace caseboard::domain {

namespace {

constexpr int kLimitMax = 1000;
constexpr int kOffsetMax = 1'000'000'000;

class QueryReader {
  public:
    explicit QueryReader(const QueryParams& params) : params_(params) {}

    // An empty value is a value, as FastAPI takes it: ?outcome= matches an empty outcome and
    // ?archived= is not a boolean.
    std::optional<std::string> raw(std::string_view name) const { return params_.get(name); }

    // A criterion compared with stored text. A control character could never match (no such
    // text is stored), and PostgreSQL would cut the value at U+0000 and match something else.
    std::optional<std::string> text(std::string_view name) {
        auto found = raw(name);
        if (found && hasForbiddenControl(*found)) {
            fail(name, kControlCharacterMsg, kControlCharacterType);
            return std::nullopt;
        }
        return found;
    }

    std::optional<Date> date(std::string_view name) {
        auto value = raw(name);
        if (!value) return std::nullopt;
        auto date = Date::parse(*value);
        if (!date)
            fail(name, "Input should be a valid date in the format YYYY-MM-DD", "date_from_string");
        return date;
    }

    std::optional<int> integer(std::string_view name, int min, int max) {
        auto value = raw(name);
        if (!value) return std::nullopt;
        int parsed = 0;
        auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), parsed);
        if (ec != std::errc() || end != value->data() + value->size()) {
            fail(name, "Input should be a valid integer", "int_parsing");
            return std::nullopt;
        }
        if (parsed < min || parsed > max) {
            fail(name,
                 "Input should be between " + std::to_string(min) + " and " + std::to_string(max),
                 "int_range");
            return std::nullopt;
        }
        return parsed;
    }

    bool boolean(std::string_view name, bool fallback) {
        auto value = raw(name);
        if (!value) return fallback;
        if (*value == "true" || *value == "1") return true;
        if (*value == "false" || *value == "0") return false;
        fail(name, "Input should be a valid boolean (true, false, 1 or 0)", "bool_parsing");
        return fallback;
    }

    void fail(std::string_view name, std::string msg, std::string type) {
        errors_.push_back({{"query", std::string(name)}, std::move(msg), std::move(type)});
    }

    void throwIfFailed() const {
        if (!errors_.empty()) throw ValidationError(errors_);
    }

  private:
    const QueryParams& params_;
    std::vector<FieldError> errors_;
};

}  // namespace

std::string CaseFilter::key() const {
    // Each part is length-prefixed so that no value can imitate a separator.
    std::string key;
    auto add = [&key](const std::optional<std::string>& value) {
        key += value ? std::to_string(value->size()) + ":" + *value : "-";
        key += '|';
    };
    add(nameContains);
    add(diagnosisContains);
    add(outcome);
    add(section);
    add(surgeryFrom ? std::optional<std::string>(surgeryFrom->str()) : std::nullopt);
    add(surgeryTo ? std::optional<std::string>(surgeryTo->str()) : std::nullopt);
    key += archived ? "a|" : "n|";
    add(hospitalNumber);
    add(ward);
    add(consultantContains);
    add(injuryFrom ? std::optional<std::string>(injuryFrom->str()) : std::nullopt);
    add(injuryTo ? std::optional<std::string>(injuryTo->str()) : std::nullopt);
    add(theatreSlot);
    key += (limit ? std::to_string(*limit) : "-") + "|" + std::to_string(offset);
    return key;
}

CaseFilter parseCaseFilter(const QueryParams& params) {
    QueryReader reader(params);
    CaseFilter filter;
    filter.nameContains = reader.text("name");
    filter.diagnosisContains = reader.text("diagnosis");
    filter.outcome = reader.text("outcome");
    filter.section = reader.text("section");
    filter.surgeryFrom = reader.date("surgery_date_from");
    filter.surgeryTo = reader.date("surgery_date_to");
    filter.archived = reader.boolean("archived", false);
    filter.hospitalNumber = reader.text("hospital_number");
    filter.ward = reader.text("ward");
    filter.consultantContains = reader.text("consultant");
    filter.injuryFrom = reader.date("date_of_injury_from");
    filter.injuryTo = reader.date("date_of_injury_to");
    filter.theatreSlot = reader.text("theatre_slot");
    filter.limit = reader.integer("limit", 1, kLimitMax);
    filter.offset = reader.integer("offset", 0, kOffsetMax).value_or(0);
    reader.throwIfFailed();
    return filter;
}

}  // namespace caseboard::domain
