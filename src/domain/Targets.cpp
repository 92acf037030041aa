#include "domain/Targets.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <regex>
#include <stdexcept>

#include "domain/CaseFields.hpp"

namespace caseboard::domain {

namespace json = boost::json;

namespace {

using Rules = std::map<std::string, TargetRule, std::less<>>;

// A year: anything longer is a typing mistake, not a target.
constexpr std::int64_t kMaxMinutes = 525600;

[[noreturn]] void invalid(const std::string& where, const std::string& what) {
    throw std::invalid_argument(where + ": " + what);
}

// The case fields a rule may count from: the writable times.
bool isStartField(std::string_view name) {
    const CaseField* field = findCaseField(name);
    return field && field->type == FieldType::Timestamp && field->writable();
}

TargetRule ruleFrom(const std::string& where, const json::value& value) {
    const auto* object = value.if_object();
    if (!object) invalid(where, "must be an object {\"from\", \"minutes\"}");
    for (const auto& [key, _] : *object) {
        if (key != "from" && key != "minutes")
            invalid(where, "unknown key '" + std::string(key) + "'");
    }
    const auto* from = object->if_contains("from");
    if (!from || !from->is_string() || !isStartField(from->get_string())) {
        invalid(where + ".from", "must be \"admitted_at\" or \"decision_at\"");
    }
    const auto* minutes = object->if_contains("minutes");
    if (!minutes || !minutes->is_int64() || minutes->get_int64() < 1 ||
        minutes->get_int64() > kMaxMinutes) {
        invalid(where + ".minutes",
                "must be a whole number of minutes, 1.." + std::to_string(kMaxMinutes));
    }
    return TargetRule{std::string(from->get_string()), std::chrono::minutes(minutes->get_int64())};
}

// A section of rules keyed by what the case field `keyField` may hold.
Rules rulesFrom(std::string_view section, const json::value& value, const CaseField& keyField) {
    const auto* object = value.if_object();
    if (!object) invalid(std::string(section), "must be an object");
    const std::regex pattern(
        std::string(keyField.text.pattern.empty() ? ".*" : keyField.text.pattern));
    Rules rules;
    for (const auto& [key, rule] : *object) {
        const std::string where = std::string(section) + "." + std::string(key);
        bool known = keyField.values.empty()
                         ? std::regex_match(std::string(key), pattern)
                         : std::ranges::find(keyField.values, std::string_view(key)) !=
                               keyField.values.end();
        if (!known) invalid(where, "is not a " + std::string(keyField.name) + " a case can have");
        rules.emplace(std::string(key), ruleFrom(where, rule));
    }
    return rules;
}

json::object rulesJson(const Rules& rules) {
    json::object o;
    for (const auto& [key, rule] : rules) {
        o[key] = {{"from", rule.from}, {"minutes", rule.minutes.count()}};
    }
    return o;
}

std::shared_ptr<const Targets>& installed() {
    static std::shared_ptr<const Targets> targets =
        std::make_shared<const Targets>(Targets::defaults());
    return targets;
}

}  // namespace

Targets Targets::defaults() {
    using std::chrono::hours;
    using std::chrono::minutes;
    Targets targets;
    targets.pathways.emplace("hip_fracture", TargetRule{"admitted_at", minutes(hours(36))});
    targets.priorities.emplace("immediate", TargetRule{"decision_at", minutes(60)});
    targets.priorities.emplace("urgent", TargetRule{"decision_at", minutes(hours(6))});
    targets.priorities.emplace("expedited", TargetRule{"decision_at", minutes(hours(72))});
    return targets;
}

Targets Targets::fromJson(const json::value& value) {
    const auto* object = value.if_object();
    if (!object) invalid("targets", "must be a JSON object {\"pathways\", \"priorities\"}");
    Targets targets;
    for (const auto& [key, section] : *object) {
        if (key == "pathways") {
            targets.pathways = rulesFrom("pathways", section, *findCaseField("pathway"));
        } else if (key == "priorities") {
            targets.priorities = rulesFrom("priorities", section, *findCaseField("priority"));
        } else {
            invalid("targets", "unknown key '" + std::string(key) + "'");
        }
    }
    return targets;
}

json::object Targets::toJson() const {
    return {{"pathways", rulesJson(pathways)}, {"priorities", rulesJson(priorities)}};
}

const Targets& activeTargets() {
    return *std::atomic_load(&installed());
}

void installTargets(Targets targets) {
    // The previous set is kept alive: a thread may still hold a reference to it.
    static std::vector<std::shared_ptr<const Targets>> retired;
    auto next = std::make_shared<const Targets>(std::move(targets));
    retired.push_back(std::atomic_exchange(&installed(), next));
}

}  // namespace caseboard::domain
