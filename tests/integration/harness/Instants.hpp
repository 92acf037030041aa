#pragma once

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace caseboard::it {

// An instant as the API writes one (RFC 3339, UTC, microseconds), for times relative to now.
inline std::string rfc3339(std::chrono::system_clock::time_point when) {
    using namespace std::chrono;
    const auto micros = duration_cast<microseconds>(when.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(micros / 1'000'000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[96];  // room for any int the compiler cannot rule out
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<long>(micros % 1'000'000));
    return text;
}

}  // namespace caseboard::it
