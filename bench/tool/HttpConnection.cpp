#include "tool/HttpConnection.hpp"

namespace bench {

HttpConnection::HttpConnection(boost::asio::io_context& io, tcp::endpoint endpoint,
                               std::string token, std::chrono::milliseconds timeout)
    : stream_(io),
      endpoint_(endpoint),
      host_(endpoint.address().to_string() + ":" + std::to_string(endpoint.port())),
      token_(std::move(token)),
      timeout_(timeout) {}

void HttpConnection::connect(std::function<void(beast::error_code)> done) {
    stream_.expires_after(timeout_);
    stream_.async_connect(
        endpoint_, [self = shared_from_this(), done = std::move(done)](beast::error_code ec) {
            if (!ec) {
                beast::error_code ignored;
                self->stream_.socket().set_option(tcp::no_delay(true), ignored);
            }
            done(ec);
        });
}

void HttpConnection::request(http::verb method, std::string target, std::string body,
                             Handler done) {
    request_ = {};
    request_.version(11);
    request_.method(method);
    request_.target(target);
    request_.set(http::field::host, host_);
    request_.set(http::field::authorization, "Bearer " + token_);
    if (!body.empty()) {
        request_.set(http::field::content_type, "application/json");
        request_.body() = std::move(body);
    }
    request_.prepare_payload();
    response_ = {};
    stream_.expires_after(timeout_);
    http::async_write(stream_, request_,
                      [self = shared_from_this(), done = std::move(done)](beast::error_code ec,
                                                                          std::size_t) mutable {
                          if (ec) {
                              done(ec, self->response_);
                              return;
                          }
                          self->stream_.expires_after(self->timeout_);
                          http::async_read(
                              self->stream_, self->buffer_, self->response_,
                              [self, done = std::move(done)](beast::error_code ec2, std::size_t) {
                                  done(ec2, self->response_);
                              });
                      });
}

void HttpConnection::close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
}

}  // namespace bench
