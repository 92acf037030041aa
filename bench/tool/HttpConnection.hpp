// One keep-alive HTTP/1.1 client connection to the server, one request in flight at a time,
// every operation bounded by a timeout.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace bench {

namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
  public:
    using Response = http::response<http::string_body>;
    using Handler = std::function<void(beast::error_code, Response&)>;

    HttpConnection(boost::asio::io_context& io, tcp::endpoint endpoint, std::string token,
                   std::chrono::milliseconds timeout);

    void connect(std::function<void(beast::error_code)> done);
    // `body` non-empty → sent as application/json. `done` gets the complete response or an error.
    void request(http::verb method, std::string target, std::string body, Handler done);
    void close();

  private:
    beast::tcp_stream stream_;
    tcp::endpoint endpoint_;
    std::string host_;
    std::string token_;
    std::chrono::milliseconds timeout_;
    beast::flat_buffer buffer_;
    http::request<http::string_body> request_;
    Response response_;
};

}  // namespace bench
