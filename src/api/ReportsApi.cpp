#include "api/ReportsApi.hpp"

#include <boost/json.hpp>

#include "domain/ReportTables.hpp"
#include "domain/Targets.hpp"

namespace caseboard::api {

namespace {

// The report as the route asked for it: the JSON array, or a CSV file to download.
template <typename Rows>
ApiResponse reportResponse(const Rows& rows, bool csv, const char* fileName) {
    ApiResponse response;
    if (!csv) {
        response.body = domain::toJsonText(rows);
        return response;
    }
    response.contentType = "text/csv; charset=utf-8";
    response.body = domain::toCsv(rows);
    response.header("Content-Disposition",
                    std::string("attachment; filename=\"") + fileName + "\"");
    return response;
}

}  // namespace

void ReportsApi::addRoutes(Router& router) {
    router.add("GET", "/reports/time-to-theatre",
               [this](auto& r) { return timeToTheatre(r, false); });
    router.add("GET", "/reports/time-to-theatre.csv",
               [this](auto& r) { return timeToTheatre(r, true); });
    router.add("GET", "/reports/cancellations",
               [this](auto& r) { return cancellations(r, false); });
    router.add("GET", "/reports/cancellations.csv",
               [this](auto& r) { return cancellations(r, true); });
}

Awaitable ReportsApi::timeToTheatre(const ApiRequest& request, bool csv) {
    co_await authenticator_.user(request, Need::Reader);
    auto query = domain::parseTimeToTheatreQuery(request.query, domain::Date::todayUtc());
    auto arrivals = co_await workers_.onStore([&] { return store_.theatreArrivals(query.period); });
    auto rows = domain::timeToTheatre(arrivals, query.group, domain::activeTargets());
    co_return reportResponse(rows, csv, "caseboard-time-to-theatre.csv");
}

Awaitable ReportsApi::cancellations(const ApiRequest& request, bool csv) {
    co_await authenticator_.user(request, Need::Reader);
    domain::QueryReader reader(request.query);
    auto period = domain::readReportPeriod(reader, domain::Date::todayUtc());
    reader.throwIfFailed();
    auto counted = co_await workers_.onStore([&] { return store_.cancellationCounts(period); });
    co_return reportResponse(domain::cancellationReport(counted), csv,
                             "caseboard-cancellations.csv");
}

}  // namespace caseboard::api
