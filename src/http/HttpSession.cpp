#include "http/HttpSession.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "api/ApiError.hpp"
#include "api/ErrorMapping.hpp"
#include "http/AccessLog.hpp"
#include "http/ApiTranslation.hpp"
#include "http/SendFile.hpp"
#include "http/WebSocketSession.hpp"

namespace caseboard::http {

namespace {

// A parse error of the client's bytes deserves a 400; a closed, reset or timed-out connection
// has nobody left to answer.
bool isMalformed(const boost::system::error_code& ec) {
    return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
           ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

}  // namespace

HttpSession::HttpSession(tcp::socket socket, ConnectionSlot slot, ServerContext& context,
                         SocketGroup& sockets)
    : stream_(std::move(socket)), slot_(std::move(slot)), context_(context), sockets_(sockets) {
    boost::system::error_code ec;
    auto remote = stream_.socket().remote_endpoint(ec);
    if (!ec) peer_ = remote.address();
    idleSince_ = idleNow();  // until its first request, as between requests
}

HttpSession::~HttpSession() {
    context_.sessions.remove(this);
    context_.gate.idleConnections().remove(this);
}

void HttpSession::start() {
    std::weak_ptr<HttpSession> weak = shared_from_this();
    context_.sessions.add(this, [weak] {
        if (auto self = weak.lock()) self->stop();
    });
    context_.gate.idleConnections().add(this, idleSince_, [weak] {
        if (auto self = weak.lock()) self->closeIfEvicting();
    });
    asio::co_spawn(
        stream_.get_executor(), [self = shared_from_this()] { return self->run(); },
        asio::detached);
}

void HttpSession::stop() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
        self->stopRequested_ = true;
        if (!self->busy_) self->stream_.cancel();
    });
}

asio::awaitable<void> HttpSession::run() {
    for (;;) {
        bhttp::request_parser<bhttp::string_body> parser;
        if (!co_await readRequest(parser)) break;
        Request request = parser.release();
        clientAddress_ = clientAddressOf(request);
        auto started = std::chrono::steady_clock::now();
        std::string requestId = requestIdFor(request);
        if (auto refusal = refusalFor(request)) {
            co_await write(request, std::move(*refusal), started, requestId);
            break;
        }
        if (websocket::is_upgrade(request)) {
            auto verdict = co_await authorizeUpgrade(request);
            if (auto* refusal = std::get_if<api::ApiResponse>(&verdict)) {
                co_await write(request, std::move(*refusal), started, requestId);
                break;
            }
            logAccess(request, 101, std::chrono::steady_clock::now() - started, requestId,
                      clientAddress_);
            upgrade(std::move(request), std::get<api::WsIdentity>(verdict));
            co_return;
        }
        busy_ = true;
        auto response = co_await respond(request);
        bool keepOpen = co_await write(request, std::move(response), started, requestId);
        busy_ = false;
        if (!keepOpen || stopRequested_ || context_.stopping) break;
    }
    boost::system::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<bool> HttpSession::readRequest(bhttp::request_parser<bhttp::string_body>& parser) {
    applyRequestLimits(parser);
    stream_.expires_after(kIdleTimeout);
    markIdle();
    auto [ec, n] = co_await bhttp::async_read_header(stream_, buffer_, parser, kAwaitable);
    markBusy();
    if (!ec) {
        // Tell a client that waits for it (curl does, for larger bodies) to send the body.
        stream_.expires_after(kRequestTimeout);
        auto& header = parser.get();
        if (beast::iequals(header[bhttp::field::expect], "100-continue")) {
            bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, header.version()};
            std::tie(ec, n) = co_await bhttp::async_write(stream_, proceed, kAwaitable);
            if (ec) co_return false;
        }
        std::tie(ec, n) = co_await bhttp::async_read(stream_, buffer_, parser, kAwaitable);
    }
    if (!ec) co_return true;
    if (ec == bhttp::error::body_limit) {
        co_await refuse(parser, 413, "Request body too large (limit 64 KiB)");
    } else if (ec == bhttp::error::header_limit) {
        co_await refuse(parser, 431, "Request headers too large");
    } else if (isMalformed(ec)) {
        co_await refuse(parser, 400, "Malformed HTTP request");
    }
    co_return false;
}

std::int64_t HttpSession::idleNow() {
    const std::int64_t now = std::chrono::steady_clock::now().time_since_epoch().count();
    return std::max(now, IdleConnections::kBusy + 1);
}

// From busy only: a connection idle since it was accepted stays so, and one chosen to make
// room (kEvicting) is not saved by it.
void HttpSession::markIdle() {
    std::int64_t busy = IdleConnections::kBusy;
    idleSince_.compare_exchange_strong(busy, idleNow(), std::memory_order_relaxed);
}

void HttpSession::markBusy() {
    idleSince_.store(IdleConnections::kBusy, std::memory_order_relaxed);
}

void HttpSession::closeIfEvicting() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
        // Still waiting for the same request (a request that came in since marked it busy):
        // nothing of an answer is lost.
        if (self->idleSince_.load(std::memory_order_relaxed) == IdleConnections::kEvicting) {
            self->stream_.cancel();
        }
    });
}

std::optional<api::ApiResponse> HttpSession::refusalFor(const Request& request) {
    bool fromProxy = peer_ && context_.gate.isProxy(*peer_);
    // The proxy checks the names it serves itself, and passes the browser's Host on.
    if (!fromProxy && !context_.gate.servesHost(request[bhttp::field::host])) {
        return api::ApiResponse::detail(421, "This server does not answer to that Host");
    }
    if (fromProxy && !slot_.attributeTo(clientAddress_)) {
        return api::ApiResponse::detail(429, "Too many connections from this client");
    }
    return std::nullopt;
}

// Checking the session reads the store: on a worker, as a request's handler would.
asio::awaitable<std::variant<api::WsIdentity, api::ApiResponse>> HttpSession::authorizeUpgrade(
    const Request& request) {
    api::ApiRequest upgrade;
    try {
        upgrade = toApiRequest(request, clientAddress_);
    } catch (const api::ApiError& error) {
        co_return error.response();
    }
    // Sockets open on /ws alone (where a plain GET is told to upgrade), as the router spells
    // paths: one trailing slash makes no difference.
    if (upgrade.path != "/ws" && upgrade.path != "/ws/") {
        co_return api::ApiResponse::detail(404, "Not found");
    }
    co_return co_await context_.app.workers().onStore(
        [this, &upgrade] { return context_.app.webSocket().authorize(upgrade); });
}

asio::awaitable<api::ApiResponse> HttpSession::respond(Request& request) {
    api::ApiRequest apiRequest;
    try {
        apiRequest = toApiRequest(request, clientAddress_);
    } catch (const api::ApiError& error) {
        co_return error.response();
    }
    co_return co_await context_.app.respond(apiRequest);
}

asio::awaitable<bool> HttpSession::write(Request& request, api::ApiResponse response,
                                         std::chrono::steady_clock::time_point started,
                                         const std::string& requestId) {
    unsigned status = response.status;
    bool keepAlive = request.keep_alive() && !context_.stopping && !stopRequested_;
    bool shared = response.sharedBody != nullptr;
    Response out = toBeastResponse(std::move(response), request, keepAlive, requestId);
    // A shared body (a cached list) is sent from a memory file, so the kernel does not copy it
    // from ours on every response: for a 50 kB board that copy was a fifth of a GET's time.
    std::shared_ptr<const BodyFile> file;
    if (shared && out.body() && out.body()->size() >= kSendFromFile) {
        file = context_.bodyFiles.fileFor(out.body());
    }
    bool sent;
    if (file) {
        auto head = headerBytes(out);
        // The file is what goes out: a slow reader must not also hold the bytes it was made of
        // (the cache may have let them go already).
        out.body().reset();
        sent = co_await sendHeadAndFile(stream_.socket(), head, *file, kRequestTimeout);
        file.reset();
        // This may have been the last response of a list the cache has dropped.
        context_.bodyFiles.forgetDeadBodies();
    } else {
        stream_.expires_after(kRequestTimeout);
        auto [ec, n] = co_await bhttp::async_write(stream_, out, kAwaitable);
        sent = !ec;
    }
    logAccess(request, status, std::chrono::steady_clock::now() - started, requestId,
              clientAddress_);
    if (!sent) co_return false;
    co_return keepAlive;
}

asio::awaitable<void> HttpSession::refuse(bhttp::request_parser<bhttp::string_body>& parser,
                                          unsigned status, std::string_view detail) {
    // What was parsed of the request, for the access log; the connection closes after this.
    Request partial{parser.get().method(), parser.get().target(), parser.get().version()};
    if (partial.version() == 0) partial.version(11);
    partial.keep_alive(false);
    clientAddress_ = clientAddressOf(partial);
    co_await write(partial, api::ApiResponse::detail(status, detail),
                   std::chrono::steady_clock::now(), requestIdFor(partial));
}

void HttpSession::upgrade(Request request, const api::WsIdentity& identity) {
    stream_.expires_never();
    auto session = std::make_shared<WebSocketSession>(std::move(stream_), std::move(slot_),
                                                      identity, context_, sockets_);
    session->start(std::move(request));
}

std::string HttpSession::requestIdFor(const Request& request) {
    // A proxy's id is kept so that its log and ours can be joined; anything odd is replaced.
    auto given = request["X-Request-Id"];
    bool sane = !given.empty() && given.size() <= 64;
    for (char c : given) sane = sane && (std::isalnum(static_cast<unsigned char>(c)) || c == '-');
    if (sane) return std::string(given);
    return fmt::format("{:x}", context_.nextRequestId.fetch_add(1));
}

// Asked per request: a proxy sends many clients' requests over one connection.
std::string HttpSession::clientAddressOf(const Request& request) const {
    if (!peer_) return "unknown";
    std::string forwardedFor;
    auto [first, last] = request.equal_range("X-Forwarded-For");
    for (auto field = first; field != last; ++field) {
        if (!forwardedFor.empty()) forwardedFor += ',';
        forwardedFor += field->value();
    }
    return context_.gate.clientAddress(*peer_, forwardedFor);
}

}  // namespace caseboard::http
