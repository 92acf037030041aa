#include "api/SessionsApi.hpp"

#include <boost/json.hpp>

#include "api/ApiError.hpp"
#include "api/JsonBody.hpp"
#include "domain/SessionInput.hpp"
#include "domain/TheatreSessionJson.hpp"
#include "domain/Uuid.hpp"
#include "store/StoreErrors.hpp"

namespace caseboard::api {

namespace json = boost::json;

namespace {

// A session id from the path; anything that is not a UUID cannot be a session (404, never 500).
std::string sessionId(const ApiRequest& request) {
    auto id = domain::canonicalUuid(request.pathParams.at(0));
    if (!id) throw ApiError::notFound();
    return *id;
}

}  // namespace

void SessionsApi::addRoutes(Router& router) {
    router.add("GET", "/sessions", [this](auto& r) { return list(r); });
    router.add("POST", "/sessions", [this](auto& r) { return create(r); });
    router.add("GET", "/sessions/{id}", [this](auto& r) { return get(r); });
    router.add("PATCH", "/sessions/{id}", [this](auto& r) { return update(r); });
    router.add("DELETE", "/sessions/{id}", [this](auto& r) { return remove(r); });
}

boost::asio::awaitable<domain::User> SessionsApi::writer(const ApiRequest& request) {
    auto user = co_await authenticator_.user(request, Need::Editor);
    writeLimiter_.admit(user.id);
    co_return user;
}

Awaitable SessionsApi::list(const ApiRequest& request) {
    co_await authenticator_.user(request, Need::Reader);
    auto range = domain::parseSessionRange(request.query);
    auto sessions = co_await workers_.onStore([&] { return store_.listSessions(range); });
    json::array array;
    array.reserve(sessions.size());
    for (const auto& session : sessions) array.push_back(domain::toJson(session));
    co_return ApiResponse::json(200, array);
}

Awaitable SessionsApi::create(const ApiRequest& request) {
    auto actor = Authenticator::actorOf(co_await writer(request));
    auto draft = domain::parseSessionDraft(parseJsonObject(request.body));
    auto created = co_await workers_.onStore([&] { return store_.createSession(draft, actor); });
    co_return ApiResponse::json(201, domain::toJson(created));
}

Awaitable SessionsApi::get(const ApiRequest& request) {
    co_await authenticator_.user(request, Need::Reader);
    auto id = sessionId(request);
    auto found = co_await workers_.onStore([&] { return store_.findSession(id); });
    if (!found) throw ApiError::notFound();
    co_return ApiResponse::json(200, domain::toJson(*found));
}

Awaitable SessionsApi::update(const ApiRequest& request) {
    auto actor = Authenticator::actorOf(co_await writer(request));
    auto id = sessionId(request);
    auto patch = domain::parseSessionPatch(parseJsonObject(request.body));
    auto updated =
        co_await workers_.onStore([&] { return store_.updateSession(id, patch, actor); });
    co_return ApiResponse::json(200, domain::toJson(updated));
}

Awaitable SessionsApi::remove(const ApiRequest& request) {
    auto actor = Authenticator::actorOf(co_await writer(request));
    auto id = sessionId(request);
    try {
        co_await workers_.onStore([&] {
            store_.deleteSession(id, actor);
            return true;
        });
    } catch (const store::Conflict&) {
        throw ApiError(409, "The session has booked cases");
    }
    co_return ApiResponse::noContent();
}

}  // namespace caseboard::api
