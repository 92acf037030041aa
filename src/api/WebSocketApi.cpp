#include "api/WebSocketApi.hpp"

#include <boost/json.hpp>

#include "api/ApiError.hpp"
#include "api/ErrorMapping.hpp"
#include "domain/Text.hpp"

namespace caseboard::api {

namespace {

// "http://host:port" → "host:port" (what a same-origin page's Host header says).
std::string_view hostOfOrigin(std::string_view origin) {
    for (std::string_view scheme : {"http://", "https://"}) {
        if (origin.starts_with(scheme)) return origin.substr(scheme.size());
    }
    return {};
}

// The sender's answer when its text was not relayed, from the status an HTTP request would
// have got: short words, as a screen shows them.
std::string errorEvent(unsigned status) {
    const char* detail = status == 401   ? "Unauthorized"
                         : status == 403 ? "Forbidden"
                         : status == 503 ? "Service unavailable"
                                         : "Internal server error";
    return boost::json::serialize(boost::json::object{{"action", "error"}, {"detail", detail}});
}

// What an HTTP request doing the same would have been answered, if it failed.
template <typename Check>
std::optional<ApiResponse> failureOf(Check check) {
    try {
        check();
        return std::nullopt;
    } catch (...) {
        return responseFor(std::current_exception());
    }
}

}  // namespace

std::optional<std::string> WebSocketApi::onText(const WsIdentity& who,
                                                const std::string& text) const {
    auto refusal = failureOf([&] {
        authenticator_.currentUser(who.claims, Need::Editor);
        store_.publishMessage(who.claims.email, text);
    });
    if (!refusal) return std::nullopt;
    return errorEvent(refusal->status);
}

bool WebSocketApi::originAllowed(const ApiRequest& upgrade) const {
    // No Origin: not a browser, so no cross-site hijacking to fear; the token decides.
    if (upgrade.origin.empty()) return true;
    std::string origin = domain::lowerAscii(upgrade.origin);
    if (!upgrade.host.empty() && hostOfOrigin(origin) == domain::lowerAscii(upgrade.host)) {
        return true;
    }
    for (const auto& allowed : allowedOrigins_) {
        if (domain::lowerAscii(domain::trimmed(allowed)) == origin) return true;
    }
    return false;
}

std::variant<WsIdentity, ApiResponse> WebSocketApi::authorize(const ApiRequest& upgrade) const {
    std::string_view token;
    if (auto header = Authenticator::bearerToken(upgrade.authorization)) token = *header;
    auto queryToken = upgrade.query.get("token");
    if (token.empty() && queryToken) token = *queryToken;
    auto claims = token.empty() ? std::nullopt : authenticator_.verify(token);
    if (!claims) return ApiError::unauthorized("Could not validate credentials").response();
    if (!originAllowed(upgrade)) return ApiResponse::detail(403, "Origin not allowed");
    // Read first: a change that lands while the session is being checked moves it, and the
    // socket then checks again once it has joined (see accessChangedSince).
    WsIdentity identity{*claims, authenticator_.accessGeneration()};
    if (auto refusal = refusalFor(identity)) return *refusal;
    return identity;
}

bool WebSocketApi::stillAllowed(const WsIdentity& who) const {
    auto refusal = refusalFor(who);
    // A store that cannot answer says nothing about the session: the socket stays.
    return !refusal || (refusal->status != 401 && refusal->status != 403);
}

std::optional<ApiResponse> WebSocketApi::refusalFor(const WsIdentity& who) const {
    return failureOf([&] { authenticator_.currentUser(who.claims, Need::Reader); });
}

}  // namespace caseboard::api
