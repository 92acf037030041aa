#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace caseboard::domain {

// A calendar date as the API writes it: YYYY-MM-DD, always a real day of the Gregorian calendar.
struct Date {
    int year = 0;
    int month = 0;
    int day = 0;

    static std::optional<Date> parse(std::string_view text);
    static Date todayUtc();
    Date nextDay() const;
    std::string str() const;
    // Text that sorts after every stored RFC 3339 UTC time of this day and before the next day's
    // ("YYYY-MM-DDT24:00:00", which PostgreSQL also reads as the next midnight): the end of an
    // inclusive range of days, even on 9999-12-31, whose next day has no four-digit year.
    std::string afterLastTime() const { return str() + "T24:00:00"; }
    auto operator<=>(const Date&) const = default;
};

bool isLeapYear(int year);
int daysInMonth(int year, int month);

}  // namespace caseboard::domain
