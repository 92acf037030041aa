#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace caseboard::domain {

using TimePoint = std::chrono::system_clock::time_point;

// RFC 3339 in UTC with microseconds, e.g. 2025-08-22T06:09:27.123456Z. The fraction keeps
// created_at/updated_at distinct for changes that land within the same second.
std::string formatTimestamp(TimePoint when);
std::string nowTimestamp();
// Seconds since the Unix epoch, now.
std::int64_t unixSeconds();

}  // namespace caseboard::domain
