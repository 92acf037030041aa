#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace caseboard::domain {

// One national or local target: reach theatre within `minutes` of the case's `from` time.
struct TargetRule {
    std::string from;  // the case field it counts from: "admitted_at" or "decision_at"
    std::chrono::minutes minutes{0};

    bool operator==(const TargetRule&) const = default;
};

// The deadlines a case is held to, by its pathway and by its priority (GET /targets). A rule
// applies when its key matches the case and the case has its `from` time.
struct Targets {
    std::map<std::string, TargetRule, std::less<>> pathways;
    std::map<std::string, TargetRule, std::less<>> priorities;

    // Hip fracture 36 h from admission (NICE CG124); NCEPOD immediate 1 h, urgent 6 h and
    // expedited 72 h from the decision to operate.
    static Targets defaults();
    // The JSON GET /targets serves; throws std::invalid_argument saying what is wrong.
    static Targets fromJson(const boost::json::value& json);
    boost::json::object toJson() const;

    bool operator==(const Targets&) const = default;
};

// The targets this process judges every case by: the defaults until a --targets file replaces
// them at start-up. Read from any thread.
const Targets& activeTargets();
void installTargets(Targets targets);

}  // namespace caseboard::domain
