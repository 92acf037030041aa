#include "api/CasesApi.hpp"

#include <boost/json.hpp>

#include <charconv>

#include "api/ApiError.hpp"
#include "api/ErrorMapping.hpp"
#include "api/FreedMemory.hpp"
#include "api/JsonBody.hpp"
#include "domain/CaseCancellation.hpp"
#include "domain/CaseCsv.hpp"
#include "domain/CaseFieldsJson.hpp"
#include "domain/CaseFilter.hpp"
#include "domain/CaseInput.hpp"
#include "domain/CaseJson.hpp"
#include "domain/Uuid.hpp"
#include "store/StoreErrors.hpp"

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

// The list's JSON array, built one case at a time (each case let go once written) and sized
// exactly: a large board never exists as a JSON tree, nor with spare capacity in the cache.
std::shared_ptr<const std::string> listBody(std::vector<domain::Case> cases) {
    std::vector<std::string> items;
    items.reserve(cases.size());
    std::size_t size = 2 + cases.size();
    for (auto& c : cases) {
        items.push_back(json::serialize(domain::toJson(c)));
        size += items.back().size();
        c = {};
    }
    std::string body;
    body.reserve(size);
    body += '[';
    for (const auto& item : items) {
        if (body.size() > 1) body += ',';
        body += item;
    }
    body += ']';
    return std::make_shared<const std::string>(std::move(body));
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

// GET /case-fields: the field table, for clients to build their forms and filters from. No
// sign-in: it describes the API, not a patient. It never changes while the server runs.
Awaitable caseFields(const ApiRequest&) {
    static const auto body =
        std::make_shared<const std::string>(json::serialize(domain::caseFieldsJson()));
    ApiResponse response;
    response.sharedBody = body;
    co_return response;
}

}  // namespace

void CasesApi::addRoutes(Router& router) {
    router.add("GET", "/cases", [this](auto& r) { return list(r); });
    router.add("POST", "/cases", [this](auto& r) { return create(r); });
    router.add("POST", "/cases/reorder", [this](auto& r) { return reorder(r); });
    router.add("GET", "/cases/{id}", [this](auto& r) { return get(r); });
    router.add("PATCH", "/cases/{id}", [this](auto& r) { return update(r); });
    router.add("DELETE", "/cases/{id}", [this](auto& r) { return remove(r); });
    router.add("GET", "/cases/{id}/history", [this](auto& r) { return history(r); });
    router.add("POST", "/cases/{id}/restore", [this](auto& r) { return restore(r); });
    router.add("POST", "/cases/{id}/cancel", [this](auto& r) { return cancel(r); });
    router.add("GET", "/cases/export.csv", [this](auto& r) { return exportCsv(r); });
    router.add("GET", "/case-fields", caseFields);
}

Awaitable CasesApi::list(const ApiRequest& request) {
    co_await authenticator_.user(request, Need::Reader);
    auto filter = domain::parseCaseFilter(request.query);
    ApiResponse response;
    if (cache_) {
        if (auto body = cache_->find(filter.key())) {
            response.sharedBody = std::move(*body);
            co_return response;
        }
    }
    auto read = [&] {
        auto body = listBody(matchingCases(filter));
        // The cases and their JSON are freed by now: several times the body, in this thread's
        // arena.
        if (body->size() >= kLargeRead) giveBackFreedMemory();
        return body;
    };
    response.sharedBody = co_await workers_.onStore(
        [&] { return cache_ ? cache_->findOrMake(filter.key(), read) : read(); });
    co_return response;
}

std::vector<domain::Case> CasesApi::matchingCases(const domain::CaseFilter& filter) {
    if (!filter.hasComputed()) return store_.listCases(filter);
    return filter.keepComputed(store_.listCases(filter.forStore()));
}

boost::asio::awaitable<domain::User> CasesApi::writer(const ApiRequest& request, Need need) {
    auto user = co_await authenticator_.user(request, need);
    writeLimiter_.admit(user.id);
    co_return user;
}

Awaitable CasesApi::create(const ApiRequest& request) {
    auto actor = Authenticator::actorOf(co_await writer(request, Need::Editor));
    auto draft = domain::parseCaseDraft(parseJsonObject(request.body));
    // The store commits it by itself (SQLite: in the writer's next group commit) and reports
    // back: no worker waits for it.
    auto created = co_await workers_.completion<domain::Case>(
        [&](store::Completion<domain::Case> done) { store_.createCaseThen(draft, actor, done); });
    co_return caseResponse(201, created);
}

Awaitable CasesApi::get(const ApiRequest& request) {
    co_await authenticator_.user(request, Need::Reader);
    auto id = caseId(request);
    auto found = co_await workers_.onStore([&] { return store_.findCase(id); });
    if (!found) throw ApiError::notFound();
    co_return caseResponse(200, *found);
}

Awaitable CasesApi::update(const ApiRequest& request) {
    auto actor = Authenticator::actorOf(co_await writer(request, Need::Editor));
    auto id = caseId(request);
    auto patch = domain::parseCasePatch(parseJsonObject(request.body));
    auto version = expectedVersion(request.ifMatch);
    auto updated =
        co_await workers_.completion<domain::Case>([&](store::Completion<domain::Case> done) {
            store_.updateCaseThen(id, patch, version, actor, done);
        });
    co_return caseResponse(200, updated);
}

Awaitable CasesApi::remove(const ApiRequest& request) {
    auto actor = Authenticator::actorOf(co_await writer(request, Need::Editor));
    auto id = caseId(request);
    co_await workers_.onStore([&] {
        store_.deleteCase(id, actor);
        return true;
    });
    co_return ApiResponse::detail(200, "Deleted");
}

Awaitable CasesApi::reorder(const ApiRequest& request) {
    auto actor = Authenticator::actorOf(co_await writer(request, Need::Editor));
    auto moves = domain::parseCaseMoves(parseJsonObject(request.body));
    auto moved = co_await workers_.onStore([&] { return store_.moveCases(moves, actor); });
    co_return ApiResponse::json(200, toJsonArray(moved));
}

Awaitable CasesApi::history(const ApiRequest& request) {
    co_await authenticator_.user(request, Need::Reader);
    co_return co_await workers_.onStore([&] { return historyNow(request); });
}

ApiResponse CasesApi::historyNow(const ApiRequest& request) {
    auto id = caseId(request);
    auto page = domain::parseHistoryPage(request.query);
    auto entries = store_.caseHistory(id, page);
    // A case from before the audit trail existed has no entries but is still a case; a page past
    // the end of a deleted case's entries is empty but the case was there.
    if (entries.empty() && !store_.findCase(id) && store_.caseHistory(id, {1, 0}).empty()) {
        throw ApiError::notFound();
    }
    json::array array;
    for (const auto& entry : entries) array.push_back(domain::toJson(entry));
    return ApiResponse::json(200, array);
}

Awaitable CasesApi::restore(const ApiRequest& request) {
    auto actor = Authenticator::actorOf(co_await writer(request, Need::Admin));
    auto id = caseId(request);
    try {
        co_return caseResponse(
            201, co_await workers_.onStore([&] { return store_.restoreCase(id, actor); }));
    } catch (const store::Conflict&) {
        throw ApiError(409, "The case exists; only a deleted case can be restored");
    }
}

Awaitable CasesApi::cancel(const ApiRequest& request) {
    auto actor = Authenticator::actorOf(co_await writer(request, Need::Editor));
    auto id = caseId(request);
    auto cancellation = domain::parseCancellation(parseJsonObject(request.body), actor.email);
    try {
        co_return caseResponse(200, co_await workers_.onStore([&] {
            return store_.cancelCase(id, cancellation, actor);
        }));
    } catch (const store::Conflict& conflict) {
        throw ApiError(409, conflict.what());  // written for the user by the transaction
    }
}

Awaitable CasesApi::exportCsv(const ApiRequest& request) {
    auto user = co_await authenticator_.user(request, Need::Reader);
    co_return co_await workers_.onStore([&] { return exportNow(request, user); });
}

ApiResponse CasesApi::exportNow(const ApiRequest& request, const domain::User& user) {
    auto filter = domain::parseCaseFilter(request.query);
    auto cases = matchingCases(filter);
    std::string csv = domain::caseCsvHeader();
    for (const auto& c : cases) csv += domain::caseCsvLine(c);
    store_.recordAudit(domain::auditEntry(
        "export", Authenticator::actorOf(user), std::nullopt,
        {{"cases", {{"before", nullptr}, {"after", static_cast<std::int64_t>(cases.size())}}},
         {"filter", {{"before", nullptr}, {"after", filter.key()}}}}));
    ApiResponse response;
    response.contentType = "text/csv; charset=utf-8";
    response.body = std::move(csv);
    response.header("Content-Disposition", "attachment; filename=\"caseboard-cases.csv\"");
    return response;
}

}  // namespace caseboard::api
