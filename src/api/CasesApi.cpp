#include "api/CasesApi.hpp"

#include <boost/json.hpp>

#include <charconv>

#include "api/ApiError.hpp"
#include "api/JsonBody.hpp"
#include "domain/CaseFilter.hpp"
#include "domain/CaseInput.hpp"
#include "domain/CaseJson.hpp"
#include "domain/Uuid.hpp"

namespace caseboard::api {

namespace json = boost::json;

namespace {

// A case id from the path; anything that is not a UUID cannot be a case (404, never 500).
std::string caseId(const ApiRequest& request) {
    auto id = domain::canonicalUuid(request.pathParams.at(0));
    if (!id) throw ApiError::notFound();
    return *id;
}

ApiResponse caseResponse(unsigned status, const domain::Case& c) {
    return ApiResponse::json(status, domain::toJson(c))
        .header("ETag", "\"" + std::to_string(c.version) + "\"");
}

json::array toJsonArray(const std::vector<domain::Case>& cases) {
    json::array array;
    array.reserve(cases.size());
    for (const auto& c : cases) array.push_back(domain::toJson(c));
    return array;
}

// If-Match: 7, "7" or W/"7" name a version; * matches any. Anything else matches none, so the
// update is refused rather than applied over an unknown state.
std::optional<std::int64_t> expectedVersion(std::string_view header) {
    if (header.empty() || header == "*") return std::nullopt;
    if (header.starts_with("W/")) header.remove_prefix(2);
    if (header.size() >= 2 && header.front() == '"' && header.back() == '"') {
        header = header.substr(1, header.size() - 2);
    }
    std::int64_t version = 0;
    auto [end, ec] = std::from_chars(header.data(), header.data() + header.size(), version);
    if (ec != std::errc() || end != header.data() + header.size()) return -1;
    return version;
}

}  // namespace

void CasesApi::addRoutes(Router& router) {
    router.add("GET", "/cases", Lane::Store, [this](auto& r) { return list(r); });
    router.add("POST", "/cases", Lane::Store, [this](auto& r) { return create(r); });
    router.add("POST", "/cases/reorder", Lane::Store, [this](auto& r) { return reorder(r); });
    router.add("GET", "/cases/{id}", Lane::Store, [this](auto& r) { return get(r); });
    router.add("PATCH", "/cases/{id}", Lane::Store, [this](auto& r) { return update(r); });
    router.add("DELETE", "/cases/{id}", Lane::Store, [this](auto& r) { return remove(r); });
}

ApiResponse CasesApi::list(const ApiRequest& request) {
    authenticator_.require(request);
    auto filter = domain::parseCaseFilter(request.query);
    return ApiResponse::json(200, toJsonArray(store_.listCases(filter)));
}

ApiResponse CasesApi::create(const ApiRequest& request) {
    authenticator_.require(request);
    auto draft = domain::parseCaseDraft(parseJsonObject(request.body));
    return caseResponse(201, store_.createCase(draft));
}

ApiResponse CasesApi::get(const ApiRequest& request) {
    authenticator_.require(request);
    auto found = store_.findCase(caseId(request));
    if (!found) throw ApiError::notFound();
    return caseResponse(200, *found);
}

ApiResponse CasesApi::update(const ApiRequest& request) {
    authenticator_.require(request);
    auto id = caseId(request);
    auto patch = domain::parseCasePatch(parseJsonObject(request.body));
    return caseResponse(200, store_.updateCase(id, patch, expectedVersion(request.ifMatch)));
}

ApiResponse CasesApi::remove(const ApiRequest& request) {
    authenticator_.require(request);
    store_.deleteCase(caseId(request));
    return ApiResponse::detail(200, "Deleted");
}

ApiResponse CasesApi::reorder(const ApiRequest& request) {
    authenticator_.require(request);
    auto moves = domain::parseCaseMoves(parseJsonObject(request.body));
    return ApiResponse::json(200, toJsonArray(store_.moveCases(moves)));
}

}  // namespace caseboard::api
