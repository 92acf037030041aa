#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace caseboard::domain {

// Why a case came off a theatre list, in the order reports list them.
inline constexpr std::string_view kCancellationReasons[] = {
    "patient_unfit",    "no_theatre_time",  "no_bed",      "no_staff", "equipment",
    "patient_declined", "more_urgent_case", "admin_error", "other"};

// One time a case came off its list: when, why, and who took it off.
struct Cancellation {
    std::string at;  // RFC 3339, UTC, microseconds
    std::string reason;
    std::string note;  // "" when none was given
    std::string by;    // the user's e-mail

    bool operator==(const Cancellation&) const = default;
};

// A case's cancellations, oldest first.
using Cancellations = std::vector<Cancellation>;

// No patient is cancelled this often; the bound keeps one case (and each audit entry, which
// holds the list before and after) from growing without end under repeated clicks.
inline constexpr std::size_t kMaxCancellations = 50;

}  // namespace caseboard::domain
