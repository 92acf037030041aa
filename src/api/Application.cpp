#include "api/Application.hpp"

#include <boost/json.hpp>

#include "api/ErrorMapping.hpp"
#include "domain/Targets.hpp"

namespace caseboard::api {

namespace {

// Who hears of changes, in this order: what caches sessions and lists first, then the screens
// (so that a screen refetching on an event, or a socket re-checking its session, never reads
// what the change made stale), then the watch on clocks.
std::vector<domain::ChangeListener*> listenersOf(Authenticator& authenticator, ListCache* cache,
                                                 realtime::Hub& hub, clock::ClockWatch& clocks) {
    if (cache) return {&authenticator, cache, &hub, &clocks};
    return {&authenticator, &hub, &clocks};
}
}  // namespace

Application::Application(ApiSettings settings, store::Store& store, realtime::Hub& hub)
    : store_(store),
      workers_(settings.storeThreads, settings.hashThreads),
      directory_(std::move(settings.directory)),
      oidcClient_(std::move(settings.oidc)),
      listCache_(settings.soleInstance ? std::make_unique<ListCache>(settings.listCacheBytes)
                                       : nullptr),
      changes_(listenersOf(authenticator_, listCache_.get(), hub, clockWatch_)),
      tokens_(std::move(settings.jwtSecret), settings.tokenTtl),
      throttle_(std::move(settings.failureLog)),
      authenticator_(tokens_, store, workers_, settings.soleInstance),
      writeLimiter_(settings.writesPerSecond),
      users_(store, workers_, hasher_, tokens_, authenticator_, throttle_,
             std::move(settings.registration), directory_.get()),
      cases_(store, authenticator_, workers_, listCache_.get(), writeLimiter_),
      sessions_(store, authenticator_, workers_, writeLimiter_),
      audit_(store, workers_, authenticator_),
      reports_(store, workers_, authenticator_),
      webSocket_(authenticator_, store, std::move(settings.allowedOrigins)),
      // Cached lists show each case's clock: they go stale when time moves one.
      clockWatch_(store, [cache = listCache_.get()] {
          if (cache) cache->clear();
      }) {
    users_.addRoutes(router_);
    cases_.addRoutes(router_);
    sessions_.addRoutes(router_);
    audit_.addRoutes(router_);
    reports_.addRoutes(router_);
    if (oidcClient_) {
        oidc_ = std::make_unique<OidcApi>(*oidcClient_, store_, workers_, users_);
        oidc_->addRoutes(router_);
    }
    addOperationalRoutes();
    addConfigRoute(settings.idleTimeout, oidcClient_ != nullptr);
    addTargetsRoute();
    store_.setChangeListener(&changes_);
}

Application::~Application() {
    store_.setChangeListener(nullptr);
}

void Application::addOperationalRoutes() {
    router_.add("GET", "/healthz", [](const ApiRequest&) -> Awaitable {
        co_return ApiResponse::json(200, boost::json::object{{"status", "ok"}});
    });
    router_.add("GET", "/readyz", [this](const ApiRequest&) -> Awaitable {
        if (!co_await workers_.onStore([this] { return store_.ready(); })) {
            co_return ApiResponse::detail(503, "The database is unavailable");
        }
        co_return ApiResponse::json(200, boost::json::object{{"status", "ok"}});
    });
    // The socket itself is opened by the http layer; a plain GET without the upgrade lands here.
    router_.add("GET", "/ws", [](const ApiRequest&) -> Awaitable {
        co_return ApiResponse::detail(426,
                                      "This endpoint speaks WebSocket: send an upgrade request");
    });
}

// What the board needs before anyone signs in: how people sign in, and when an idle board signs
// out.
void Application::addConfigRoute(std::chrono::seconds idleTimeout, bool oidc) {
    boost::json::array signIn{"password"};
    if (oidc) signIn.push_back("oidc");
    boost::json::object config{{"idle_timeout", idleTimeout.count()}, {"sign_in", signIn}};
    router_.add("GET", "/config", [config = std::move(config)](const ApiRequest&) -> Awaitable {
        co_return ApiResponse::json(200, config);
    });
}

// The deadlines every case is held to, for the board to explain its clocks.
void Application::addTargetsRoute() {
    router_.add("GET", "/targets", [this](const ApiRequest& request) -> Awaitable {
        co_await authenticator_.user(request, Need::SignedIn);
        co_return ApiResponse::json(200, domain::activeTargets().toJson());
    });
}

boost::asio::awaitable<ApiResponse> Application::respond(ApiRequest& request) const {
    auto match = router_.match(request.method, request.path);
    try {
        if (!match.route) co_return fallback(request, match);
        request.pathParams = std::move(match.params);
        co_return co_await match.route->handler(request);
    } catch (...) {
        co_return responseFor(std::current_exception());
    }
}

ApiResponse Application::fallback(const ApiRequest& request, const Router::Match& match) const {
    if (!match.allowed.empty()) {
        std::string allow;
        for (const auto& method : match.allowed) allow += (allow.empty() ? "" : ", ") + method;
        return ApiResponse::detail(405, "Method Not Allowed").header("Allow", allow);
    }
    if (request.method == "GET") {
        if (auto file = files_.serve(request)) return *file;
    }
    return ApiResponse::detail(404, "Not found");
}

}  // namespace caseboard::api
