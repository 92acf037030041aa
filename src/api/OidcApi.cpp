#include "api/OidcApi.hpp"

#include <spdlog/spdlog.h>

#include "api/ApiError.hpp"
#include "domain/Audit.hpp"
#include "oidc/OidcError.hpp"
#include "store/StoreErrors.hpp"

namespace caseboard::api {

void OidcApi::addRoutes(Router& router) {
    router.add("GET", "/auth/oidc/login", [this](auto& r) { return login(r); });
    router.add("GET", "/auth/oidc/callback", [this](auto& r) { return callback(r); });
}

Awaitable OidcApi::login(const ApiRequest&) {
    co_return co_await workers_.onStore([this] { return loginNow(); });
}

Awaitable OidcApi::callback(const ApiRequest& request) {
    co_return co_await workers_.onStore([&] { return callbackNow(request); });
}

ApiResponse OidcApi::redirect(const std::string& location) {
    ApiResponse response;
    response.status = 302;
    response.contentType.clear();
    response.header("Location", location);
    return response;
}

ApiResponse OidcApi::loginNow() {
    try {
        return redirect(client_.beginLogin());
    } catch (const oidc::OidcError& error) {
        spdlog::warn("oidc: cannot begin a sign-in: {}", error.what());
        return ApiResponse::detail(static_cast<unsigned>(error.status()), error.detail());
    }
}

ApiResponse OidcApi::callbackNow(const ApiRequest& request) {
    // A provider that refuses sends `error` instead of a code; the state is used up either way.
    auto code = request.query.get("error") ? std::nullopt : request.query.get("code");
    auto state = request.query.get("state");
    oidc::Identity identity;
    try {
        identity = client_.finishLogin(code.value_or(""), state.value_or(""));
    } catch (const oidc::OidcError& error) {
        spdlog::warn("oidc: a sign-in failed: {}", error.what());
        return ApiResponse::detail(static_cast<unsigned>(error.status()), error.detail());
    }
    if (!identity.role) return refuse(identity.email, 403, "Your account has no Caseboard role");
    domain::User user;
    try {
        user = store_.syncDirectoryUser(identity.email, domain::UserSource::Oidc, *identity.role);
    } catch (const store::Conflict&) {
        return refuse(identity.email, 403, "This account signs in another way");
    }
    if (!user.active) return refuse(identity.email, 403, "This account is deactivated");
    auto token = users_.signIn(user, "oidc").at("access_token").as_string();
    // A fragment: the browser keeps it to itself, so no proxy or server log ever holds it.
    return redirect("/#access_token=" + std::string(token));
}

ApiResponse OidcApi::refuse(const std::string& email, unsigned status, std::string_view detail) {
    store_.recordAudit(
        domain::auditEntry("login_failed", {domain::kNoUser, email}, std::nullopt, {}));
    return ApiResponse::detail(status, detail);
}

}  // namespace caseboard::api
