#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace caseboard::domain {

using TimePoint = std::chrono::system_clock::time_point;

// RFC 3339 in UTC with microseconds, e.g. 2025-08-22T06:09:27.123456Z. The fraction keeps
// created_at/updated_at distinct for changes that land within the same second.
std::string formatTimestamp(TimePoint when);
std::string nowTimestamp();
// An RFC 3339 instant (2025-08-22T07:09:27+01:00, 2025-08-22T06:09:27.5Z): a real date and time
// with its offset; nothing for anything else, or for an instant a TimePoint cannot hold. Leap
// seconds are refused.
std::optional<TimePoint> parseTimestamp(std::string_view text);
// Seconds since the Unix epoch, now.
std::int64_t unixSeconds();

}  // namespace caseboard::domain
