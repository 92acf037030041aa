#include "api/CasesApi.hpp"

#include <boost/json.hpp>

#include <charconv>

#include "api/ApiError.hpp"
#include "api/ErrorMapping.hpp"
#include "api/FreedMemory.hpp"
#include "api/JsonBody.hpp"
#include "domain/CaseFieldsJson.hpp"
#include "domain/CaseFilter.hpp"
#include "domain/CaseInput.hpp"
#include "domain/CaseJson.hpp"
#include "domain/Csv.hpp"
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

// The reply to a case write, sent when the store reports it.
store::Completion<domain::Case> caseReply(unsigned status, Reply reply) {
    return [status, reply = std::move(reply)](domain::Case c, std::exception_ptr error) {
        reply([status, c = std::move(c), error = std::move(error)] {
            return error ? responseFor(error) : caseResponse(status, c);
        });
    };
}

// A cell of the export: text as it is, null as empty, numbers and booleans as JSON writes them.
std::string csvText(const json::value& value) {
    if (value.is_string()) return std::string(value.get_string());
    if (value.is_null()) return {};
    return json::serialize(value);
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
ApiResponse caseFields(const ApiRequest&) {
    static const auto body =
        std::make_shared<const std::string>(json::serialize(domain::caseFieldsJson()));
    ApiResponse response;
    response.sharedBody = body;
    return response;
}

}  // namespace

void CasesApi::addRoutes(Router& router) {
    router.add(
        "GET", "/cases", Lane::Store, [this](auto& r) { return list(r); },
        [this](auto& r) { return listFromCache(r); });
    // The two writes a busy board makes most: answered when their commit completes, without a
    // worker thread waiting for it.
    router.addThen(
        "POST", "/cases", Lane::Store,
        [this](auto& r, Reply reply) { writeAfterFindingCaller(r, reply, &CasesApi::create); },
        [this](auto& r, Reply reply) { return writeHere(r, reply, &CasesApi::create); });
    router.add("POST", "/cases/reorder", Lane::Store, [this](auto& r) { return reorder(r); });
    router.add("GET", "/cases/{id}", Lane::Store, [this](auto& r) { return get(r); });
    router.addThen(
        "PATCH", "/cases/{id}", Lane::Store,
        [this](auto& r, Reply reply) { writeAfterFindingCaller(r, reply, &CasesApi::update); },
        [this](auto& r, Reply reply) { return writeHere(r, reply, &CasesApi::update); });
    router.add("DELETE", "/cases/{id}", Lane::Store, [this](auto& r) { return remove(r); });
    router.add("GET", "/cases/{id}/history", Lane::Store, [this](auto& r) { return history(r); });
    router.add("POST", "/cases/{id}/restore", Lane::Store, [this](auto& r) { return restore(r); });
    router.add("GET", "/cases/export.csv", Lane::Store, [this](auto& r) { return exportCsv(r); });
    router.add("GET", "/case-fields", Lane::Inline, caseFields);
}

std::optional<ApiResponse> CasesApi::listFromCache(const ApiRequest& request) {
    if (!cache_) return std::nullopt;
    // A session not in memory is checked against the store, on a worker.
    if (!authenticator_.requireRememberedUser(request, Need::Reader)) return std::nullopt;
    auto body = cache_->find(domain::parseCaseFilter(request.query).key());
    if (!body) return std::nullopt;
    ApiResponse response;
    response.sharedBody = std::move(*body);
    return response;
}

ApiResponse CasesApi::list(const ApiRequest& request) {
    authenticator_.requireUser(request, Need::Reader);
    auto filter = domain::parseCaseFilter(request.query);
    auto read = [&] {
        auto body = listBody(store_.listCases(filter));
        // The cases and their JSON are freed by now: several times the body, in this thread's
        // arena.
        if (body->size() >= kLargeRead) giveBackFreedMemory();
        return body;
    };
    ApiResponse response;
    response.sharedBody = cache_ ? cache_->findOrMake(filter.key(), read) : read();
    return response;
}

void CasesApi::writeAfterFindingCaller(const ApiRequest& request, Reply reply, Write write) {
    (this->*write)(request, writer(request, Need::Editor), std::move(reply));
}

bool CasesApi::writeHere(const ApiRequest& request, Reply reply, Write write) {
    if (!store_.writesWithoutWaiting()) return false;
    auto user = authenticator_.requireRememberedUser(request, Need::Editor);
    if (!user) return false;
    writeLimiter_.admit(user->id);
    (this->*write)(request, *user, std::move(reply));
    return true;
}

domain::User CasesApi::writer(const ApiRequest& request, Need need) {
    auto user = authenticator_.requireUser(request, need);
    writeLimiter_.admit(user.id);
    return user;
}

void CasesApi::create(const ApiRequest& request, const domain::User& user, Reply reply) {
    auto draft = domain::parseCaseDraft(parseJsonObject(request.body));
    store_.createCaseThen(draft, Authenticator::actorOf(user), caseReply(201, std::move(reply)));
}

ApiResponse CasesApi::get(const ApiRequest& request) {
    authenticator_.requireUser(request, Need::Reader);
    auto found = store_.findCase(caseId(request));
    if (!found) throw ApiError::notFound();
    return caseResponse(200, *found);
}

void CasesApi::update(const ApiRequest& request, const domain::User& user, Reply reply) {
    auto id = caseId(request);
    auto patch = domain::parseCasePatch(parseJsonObject(request.body));
    store_.updateCaseThen(id, patch, expectedVersion(request.ifMatch), Authenticator::actorOf(user),
                          caseReply(200, std::move(reply)));
}

ApiResponse CasesApi::remove(const ApiRequest& request) {
    auto user = writer(request, Need::Editor);
    store_.deleteCase(caseId(request), Authenticator::actorOf(user));
    return ApiResponse::detail(200, "Deleted");
}

ApiResponse CasesApi::reorder(const ApiRequest& request) {
    auto user = writer(request, Need::Editor);
    auto moves = domain::parseCaseMoves(parseJsonObject(request.body));
    return ApiResponse::json(200,
                             toJsonArray(store_.moveCases(moves, Authenticator::actorOf(user))));
}

ApiResponse CasesApi::history(const ApiRequest& request) {
    authenticator_.requireUser(request, Need::Reader);
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

ApiResponse CasesApi::restore(const ApiRequest& request) {
    auto user = writer(request, Need::Admin);
    auto id = caseId(request);
    try {
        return caseResponse(201, store_.restoreCase(id, Authenticator::actorOf(user)));
    } catch (const store::Conflict&) {
        throw ApiError(409, "The case exists; only a deleted case can be restored");
    }
}

ApiResponse CasesApi::exportCsv(const ApiRequest& request) {
    auto user = authenticator_.requireUser(request, Need::Reader);
    auto filter = domain::parseCaseFilter(request.query);
    auto cases = store_.listCases(filter);
    // The header is the case object's fields, in its order.
    std::vector<std::string> header;
    for (const auto& [field, value] : domain::toJson(domain::Case{})) header.emplace_back(field);
    std::string csv = domain::csvLine(header);
    for (const auto& c : cases) {
        std::vector<std::string> cells;
        for (const auto& [field, value] : domain::toJson(c)) cells.push_back(csvText(value));
        csv += domain::csvLine(cells);
    }
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
