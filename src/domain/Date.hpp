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
    auto operator<=>(const Date&) const = default;
};

bool isLeapYear(int year);
int daysInMonth(int year, int month);

}  // namespace caseboard::domain
