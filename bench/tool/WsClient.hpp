// One WebSocket client of the fan-out measure, as lean as a client can be: Beast speaks the
// HTTP upgrade, then the client reads frames straight off the socket (one system call per read,
// no per-message allocation) so that, with 10,000 of them on one thread, the time measured is
// the server's and not the client's own queue. It still speaks the protocol: it checks the
// upgrade's accept key, refuses masked or fragmented server frames, answers pings and honours
// close.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

namespace beast = boost::beast;

// What a client reports to whoever runs the measure. Calls come from the io_context's thread.
class WsClientEvents {
  public:
    virtual ~WsClientEvents() = default;
    virtual void onConnected(std::uint32_t index) = 0;
    // status: the HTTP status of a refused upgrade, or 0.
    virtual void onConnectFailed(std::uint32_t index, beast::error_code ec, unsigned status) = 0;
    virtual void onMessage(std::uint32_t index, std::string_view text,
                           std::chrono::steady_clock::time_point at) = 0;
    // closeCode: the server's close code, 0 if the connection ended without one.
    virtual void onClosed(std::uint32_t index, std::string_view why, unsigned closeCode) = 0;
};

struct WsTarget {
    boost::asio::ip::tcp::endpoint endpoint;
    std::string host;    // the Host header
    std::string target;  // e.g. /ws?token=…
    std::string bearer;  // non-empty: sent as Authorization: Bearer on the upgrade
    std::chrono::milliseconds connectTimeout{60000};
};

class WsClient {
  public:
    WsClient(WsClientEvents& events, boost::asio::io_context& io, const WsTarget& target,
             std::uint32_t index);
    WsClient(const WsClient&) = delete;
    WsClient& operator=(const WsClient&) = delete;

    // Connects and upgrades, then reads until the connection ends. The client must outlive the
    // io_context's run.
    void start();
    void close();

  private:
    using Socket = boost::asio::basic_stream_socket<boost::asio::ip::tcp,
                                                    boost::asio::io_context::executor_type>;

    void onUpgradeSent(beast::error_code ec);
    void onUpgradeAnswered(beast::error_code ec);
    void read();
    void onRead(beast::error_code ec, std::size_t bytes);
    // Handles every whole frame in the buffer; false if the connection is done.
    bool takeFrames();
    void pong(std::string_view payload);
    void fail(std::string_view why, unsigned closeCode = 0);

    WsClientEvents& events_;
    boost::asio::io_context& io_;
    const WsTarget& target_;
    std::uint32_t index_;
    // The upgrade, then nothing: released once the socket is ours.
    beast::tcp_stream stream_;
    std::string key_;
    beast::http::request<beast::http::empty_body> upgrade_;
    beast::flat_buffer handshakeBuffer_;
    beast::http::response_parser<beast::http::empty_body> answer_;
    Socket socket_;
    std::vector<char> buffer_;  // [0, filled_) received, not yet taken
    std::size_t filled_ = 0;
    std::string pongFrame_;
    bool pongInFlight_ = false;
    bool done_ = false;
};

}  // namespace bench
