#include <gtest/gtest.h>

#include "domain/Date.hpp"

using caseboard::domain::Date;

TEST(Date, ParsesARealCalendarDay) {
    auto date = Date::parse("2025-08-25");
    ASSERT_TRUE(date);
    EXPECT_EQ(date->year, 2025);
    EXPECT_EQ(date->month, 8);
    EXPECT_EQ(date->day, 25);
    EXPECT_EQ(date->str(), "2025-08-25");
}

TEST(Date, KnowsLeapYears) {
    EXPECT_TRUE(Date::parse("2024-02-29"));
    EXPECT_TRUE(Date::parse("2000-02-29"));
    EXPECT_FALSE(Date::parse("1900-02-29"));
    EXPECT_FALSE(Date::parse("2025-02-29"));
}

TEST(Date, RefusesDaysThatDoNotExist) {
    EXPECT_FALSE(Date::parse("2025-02-30"));
    EXPECT_FALSE(Date::parse("2025-04-31"));
    EXPECT_FALSE(Date::parse("2025-13-01"));
    EXPECT_FALSE(Date::parse("2025-00-10"));
    EXPECT_FALSE(Date::parse("2025-01-00"));
    EXPECT_FALSE(Date::parse("0000-01-01"));
}

TEST(Date, RefusesOtherFormats) {
    for (const char* text : {"2025-8-25", "25-08-2025", "2025/08/25", "2025-08-25T00:00:00", "",
                             "2025-08-2a", " 2025-08-25", "+025-08-25"}) {
        EXPECT_FALSE(Date::parse(text)) << text;
    }
}

TEST(Date, OrdersChronologically) {
    EXPECT_LT(*Date::parse("2024-12-31"), *Date::parse("2025-01-01"));
    EXPECT_LT(*Date::parse("2025-01-31"), *Date::parse("2025-02-01"));
}

TEST(Date, StepsToTheNextDayAcrossMonthsAndYears) {
    EXPECT_EQ(Date::parse("2024-02-28")->nextDay().str(), "2024-02-29");
    EXPECT_EQ(Date::parse("2025-02-28")->nextDay().str(), "2025-03-01");
    EXPECT_EQ(Date::parse("2025-12-31")->nextDay().str(), "2026-01-01");
}
