#include "harness/WsClient.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <unistd.h>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

namespace caseboard::it {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

namespace {

constexpr const char* kProbePrefix = "__caseboard_it_probe_";

}  // namespace

struct WsClient::Impl {
    unsigned short port;
    net::io_context ioc;
    websocket::stream<beast::tcp_stream> ws{ioc};
    beast::flat_buffer readBuffer;
    std::optional<net::executor_work_guard<net::io_context::executor_type>> guard;
    std::thread thread;

    int handshakeStatus = 0;
    std::string handshakeBody;
    std::string handshakeError;

    mutable std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::string> inbox;
    bool closed = false;
    int closeCode = 0;
    std::string probe;
    bool subscribed = false;

    void readLoop() {
        ws.async_read(readBuffer, [this](boost::system::error_code ec, std::size_t) {
            {
                std::lock_guard lock(mutex);
                if (ec) {
                    closed = true;
                    closeCode =
                        (ec == websocket::error::closed) ? static_cast<int>(ws.reason().code) : 0;
                } else {
                    std::string text = beast::buffers_to_string(readBuffer.data());
                    readBuffer.consume(readBuffer.size());
                    if (text.find(kProbePrefix) == std::string::npos) {
                        inbox.push_back(std::move(text));
                    } else if (!probe.empty() && text.find(probe) != std::string::npos) {
                        subscribed = true;
                    }
                }
            }
            changed.notify_all();
            if (!ec) {
                readLoop();
            }
        });
    }
};

WsClient::WsClient(unsigned short port) : impl_(std::make_unique<Impl>()) {
    impl_->port = port;
}

WsClient::~WsClient() {
    if (impl_->thread.joinable()) {
        net::post(impl_->ioc, [this] {
            boost::system::error_code ignored;
            beast::get_lowest_layer(impl_->ws).socket().close(ignored);
        });
        impl_->guard.reset();
        // Give the loop a moment to finish the pending read, then stop it regardless.
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        impl_->ioc.stop();
        impl_->thread.join();
    }
}

bool WsClient::connect(const WsOptions& options, std::chrono::milliseconds timeout) {
    auto& ws = impl_->ws;
    auto& lowest = beast::get_lowest_layer(ws);
    lowest.expires_after(timeout);

    boost::system::error_code connectError;
    lowest.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), impl_->port),
                         [&](boost::system::error_code ec) { connectError = ec; });
    impl_->ioc.run();
    if (connectError) {
        impl_->handshakeError = "connect: " + connectError.message();
        return false;
    }

    ws.set_option(websocket::stream_base::decorator([options](websocket::request_type& req) {
        req.set(http::field::user_agent, "caseboard-integration-tests");
        if (options.origin) {
            req.set(http::field::origin, *options.origin);
        }
        if (options.tokenInHeader && !options.token.empty()) {
            req.set(http::field::authorization, "Bearer " + options.token);
        }
    }));
    std::string target = options.path;
    if (!options.tokenInHeader && !options.token.empty()) {
        target += "?token=" + options.token;
    }
    websocket::response_type response;
    boost::system::error_code handshakeError;
    lowest.expires_after(timeout);
    ws.async_handshake(response, "127.0.0.1:" + std::to_string(impl_->port), target,
                       [&](boost::system::error_code ec) { handshakeError = ec; });
    impl_->ioc.restart();
    impl_->ioc.run();
    impl_->handshakeStatus = static_cast<int>(response.result_int());
    impl_->handshakeBody = response.body();
    if (handshakeError) {
        impl_->handshakeError = handshakeError.message();
        return false;
    }

    lowest.expires_never();
    websocket::stream_base::timeout settings{};
    settings.handshake_timeout = std::chrono::seconds(5);
    settings.idle_timeout = websocket::stream_base::none();
    settings.keep_alive_pings = false;
    ws.set_option(settings);
    ws.read_message_max(16 * 1024 * 1024);

    impl_->ioc.restart();
    impl_->guard.emplace(impl_->ioc.get_executor());
    impl_->readLoop();
    impl_->thread = std::thread([this] { impl_->ioc.run(); });
    return true;
}

int WsClient::handshakeStatus() const {
    return impl_->handshakeStatus;
}

const std::string& WsClient::handshakeBody() const {
    return impl_->handshakeBody;
}

const std::string& WsClient::handshakeError() const {
    return impl_->handshakeError;
}

std::optional<std::string> WsClient::readText(std::chrono::milliseconds timeout) {
    std::unique_lock lock(impl_->mutex);
    impl_->changed.wait_for(lock, timeout,
                            [this] { return !impl_->inbox.empty() || impl_->closed; });
    if (impl_->inbox.empty()) {
        return std::nullopt;
    }
    std::string message = std::move(impl_->inbox.front());
    impl_->inbox.pop_front();
    return message;
}

std::optional<boost::json::value> WsClient::readJson(std::chrono::milliseconds timeout) {
    const auto text = readText(timeout);
    if (!text) {
        return std::nullopt;
    }
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(*text, ec);
    if (ec) {
        return boost::json::value(nullptr);
    }
    return value;
}

bool WsClient::sendText(const std::string& text, std::chrono::milliseconds timeout) {
    if (!impl_->thread.joinable()) {
        return false;
    }
    auto done = std::make_shared<std::promise<boost::system::error_code>>();
    auto result = done->get_future();
    auto payload = std::make_shared<std::string>(text);
    net::post(impl_->ioc, [this, done, payload] {
        impl_->ws.text(true);
        impl_->ws.async_write(
            net::buffer(*payload),
            [done, payload](boost::system::error_code ec, std::size_t) { done->set_value(ec); });
    });
    if (result.wait_for(timeout) != std::future_status::ready) {
        return false;
    }
    return !result.get();
}

void WsClient::close(std::chrono::milliseconds timeout) {
    if (!impl_->thread.joinable()) {
        return;
    }
    auto done = std::make_shared<std::promise<void>>();
    auto result = done->get_future();
    net::post(impl_->ioc, [this, done] {
        impl_->ws.async_close(websocket::close_code::normal,
                              [done](boost::system::error_code) { done->set_value(); });
    });
    (void)result.wait_for(timeout);
}

bool WsClient::waitSubscribed(std::chrono::milliseconds timeout) {
    static std::atomic<unsigned> counter{0};
    {
        std::lock_guard lock(impl_->mutex);
        impl_->probe = std::string(kProbePrefix) + std::to_string(::getpid()) + "_" +
                       std::to_string(counter.fetch_add(1)) + "_" +
                       std::to_string(reinterpret_cast<std::uintptr_t>(this));
        impl_->subscribed = false;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    if (!sendText(impl_->probe, timeout)) {
        return false;
    }
    std::unique_lock lock(impl_->mutex);
    return impl_->changed.wait_until(lock, deadline, [this] {
        return impl_->subscribed || impl_->closed;
    }) && impl_->subscribed;
}

std::optional<int> WsClient::waitClosed(std::chrono::milliseconds timeout) {
    std::unique_lock lock(impl_->mutex);
    if (!impl_->changed.wait_for(lock, timeout, [this] { return impl_->closed; })) {
        return std::nullopt;
    }
    return impl_->closeCode;
}

bool WsClient::isClosed() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->closed;
}

}  // namespace caseboard::it
