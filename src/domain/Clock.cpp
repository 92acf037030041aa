#include "domain/Clock.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>

#include "domain/Date.hpp"

namespace caseboard::domain {

std::string formatTimestamp(TimePoint when) {
    using namespace std::chrono;
    auto micros = duration_cast<microseconds>(when.time_since_epoch()).count();
    std::time_t seconds = static_cast<std::time_t>(micros / 1'000'000);
    long fraction = static_cast<long>(micros % 1'000'000);
    if (fraction < 0) {
        fraction += 1'000'000;
        --seconds;
    }
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, fraction);
    return buffer;
}

namespace {

// Reads `digits` decimal digits at `at`, advancing it; -1 if they are not all digits.
int number(std::string_view text, std::size_t& at, std::size_t digits) {
    if (at + digits > text.size()) return -1;
    int value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        char c = text[at + i];
        if (c < '0' || c > '9') return -1;
        value = value * 10 + (c - '0');
    }
    at += digits;
    return value;
}

bool expect(std::string_view text, std::size_t& at, char wanted) {
    if (at >= text.size() || std::toupper(static_cast<unsigned char>(text[at])) != wanted) {
        return false;
    }
    ++at;
    return true;
}

// Microseconds of a fraction ".5" or ".123456789" (digits past the sixth are dropped); 0 if none.
std::optional<long> fraction(std::string_view text, std::size_t& at) {
    if (at >= text.size() || text[at] != '.') return 0L;
    ++at;
    long micros = 0;
    std::size_t digits = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
        if (digits < 6) micros = micros * 10 + (text[at] - '0');
        ++digits;
        ++at;
    }
    if (digits == 0 || digits > 9) return std::nullopt;
    for (std::size_t i = digits; i < 6; ++i) micros *= 10;
    return micros;
}

// The offset from UTC in minutes: Z, +HH:MM or -HH:MM.
std::optional<int> offsetMinutes(std::string_view text, std::size_t& at) {
    if (expect(text, at, 'Z')) return 0;
    if (at >= text.size() || (text[at] != '+' && text[at] != '-')) return std::nullopt;
    int sign = text[at] == '-' ? -1 : 1;
    ++at;
    int hours = number(text, at, 2);
    if (hours < 0 || hours > 23 || !expect(text, at, ':')) return std::nullopt;
    int minutes = number(text, at, 2);
    if (minutes < 0 || minutes > 59) return std::nullopt;
    return sign * (hours * 60 + minutes);
}

}  // namespace

std::optional<TimePoint> parseTimestamp(std::string_view text) {
    if (text.size() < 20 || text.size() > 40) return std::nullopt;
    auto date = Date::parse(text.substr(0, 10));
    std::size_t at = 10;
    if (!date || !expect(text, at, 'T')) return std::nullopt;
    int hour = number(text, at, 2);
    bool colon = expect(text, at, ':');
    int minute = number(text, at, 2);
    bool colon2 = expect(text, at, ':');
    int second = number(text, at, 2);
    if (!colon || !colon2 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 ||
        second > 59) {
        return std::nullopt;
    }
    auto micros = fraction(text, at);
    auto offset = offsetMinutes(text, at);
    if (!micros || !offset || at != text.size()) return std::nullopt;
    using namespace std::chrono;
    auto day = sys_days(year_month_day(year(date->year), month(static_cast<unsigned>(date->month)),
                                       std::chrono::day(static_cast<unsigned>(date->day))));
    // In microseconds every year 0001..9999 fits; a TimePoint (nanoseconds here) holds only
    // 1678..2261, and converting a year past that would wrap round into another century.
    auto instant = day + hours(hour) + minutes(minute) + seconds(second) + microseconds(*micros) -
                   minutes(*offset);
    if (instant < time_point_cast<microseconds>(TimePoint::min()) ||
        instant > time_point_cast<microseconds>(TimePoint::max())) {
        return std::nullopt;
    }
    return time_point_cast<TimePoint::duration>(instant);
}

std::string nowTimestamp() {
    return formatTimestamp(std::chrono::system_clock::now());
}

std::int64_t unixSeconds() {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace caseboard::domain
