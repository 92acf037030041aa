#include "api/AuditApi.hpp"

#include <boost/json.hpp>

#include <charconv>

#include "domain/Text.hpp"
#include "domain/Uuid.hpp"
#include "domain/ValidationError.hpp"

namespace caseboard::api {

namespace {

// The query of GET /audit; every bad parameter is reported at once (422, loc "query").
domain::AuditFilter parseAuditFilter(const domain::QueryParams& query) {
    domain::AuditFilter filter;
    std::vector<domain::FieldError> errors;
    auto fail = [&errors](const char* name, std::string msg, const char* type) {
        errors.push_back({{"query", name}, std::move(msg), type});
    };
    auto integer = [&](const char* name, int min, int max, int fallback) {
        auto text = query.get(name);
        if (!text) return fallback;
        int value = 0;
        auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
        if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
            fail(name,
                 "Input should be an integer from " + std::to_string(min) + " to " +
                     std::to_string(max),
                 "int_range");
            return fallback;
        }
        return value;
    };
    auto date = [&](const char* name) -> std::optional<domain::Date> {
        auto text = query.get(name);
        if (!text) return std::nullopt;
        auto parsed = domain::Date::parse(*text);
        if (!parsed)
            fail(name, "Input should be a valid date in the format YYYY-MM-DD", "date_from_string");
        return parsed;
    };
    // Compared with stored text: refused, not cut at U+0000 by PostgreSQL.
    auto text = [&](const char* name) -> std::optional<std::string> {
        auto value = query.get(name);
        if (!value || !domain::hasForbiddenControl(*value)) return value;
        fail(name, domain::kControlCharacterMsg, domain::kControlCharacterType);
        return std::nullopt;
    };
    if (auto user = text("user")) filter.user = domain::lowerAscii(*user);
    if (auto caseId = text("case"))
        filter.caseId = domain::canonicalUuid(*caseId).value_or(*caseId);
    filter.action = text("action");
    filter.from = date("from");
    filter.to = date("to");
    filter.limit = integer("limit", 1, 1000, 100);
    filter.offset = integer("offset", 0, 1'000'000'000, 0);
    if (!errors.empty()) throw domain::ValidationError(errors);
    return filter;
}

}  // namespace

void AuditApi::addRoutes(Router& router) {
    router.add("GET", "/audit", [this](auto& r) { return list(r); });
}

Awaitable AuditApi::list(const ApiRequest& request) {
    co_await authenticator_.user(request, Need::Admin);
    auto filter = parseAuditFilter(request.query);
    auto trail = co_await workers_.onStore([&] { return store_.auditTrail(filter); });
    boost::json::array entries;
    for (const auto& entry : trail) entries.push_back(domain::toJson(entry));
    co_return ApiResponse::json(200, entries);
}

}  // namespace caseboard::api
