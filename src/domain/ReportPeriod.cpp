#include "domain/ReportPeriod.hpp"

#include <chrono>

namespace caseboard::domain {

namespace {

Date daysBefore(const Date& date, int days) {
    using namespace std::chrono;
    const sys_days day = year_month_day{year{date.year}, month{static_cast<unsigned>(date.month)},
                                        std::chrono::day{static_cast<unsigned>(date.day)}};
    const year_month_day earlier{day - std::chrono::days{days}};
    return Date{static_cast<int>(earlier.year()), static_cast<int>(unsigned(earlier.month())),
                static_cast<int>(unsigned(earlier.day()))};
}

}  // namespace

ReportPeriod readReportPeriod(QueryReader& reader, Date today) {
    auto to = reader.date("to");
    auto from = reader.date("from");
    ReportPeriod period;
    period.to = to.value_or(today);
    period.from = from.value_or(daysBefore(period.to, kDefaultReportDays - 1));
    if (period.to < period.from) {
        reader.fail("to", "The end date should not be before the start date", "date_range");
    }
    return period;
}

}  // namespace caseboard::domain
