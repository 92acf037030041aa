#include "domain/CaseFilter.hpp"

#include "domain/QueryReader.hpp"

namespace caseboard::domain {

namespace {

constexpr int kLimitMax = 1000;
constexpr int kOffsetMax = 1'000'000'000;

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
