#include "harness/HttpClient.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace caseboard::it {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

bool iequals(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

Headers withToken(const std::string& token, const Headers& extra) {
    Headers headers = extra;
    if (!token.empty()) {
        headers.emplace_back("Authorization", "Bearer " + token);
    }
    return headers;
}

}  // namespace

std::string HttpResponse::header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
        if (iequals(key, name)) {
            return value;
        }
    }
    return "";
}

bool HttpResponse::hasHeader(const std::string& name) const {
    return std::any_of(headers.begin(), headers.end(),
                       [&](const auto& h) { return iequals(h.first, name); });
}

boost::json::value HttpResponse::json() const {
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(body, ec);
    if (ec) {
        return nullptr;
    }
    return value;
}

bool HttpResponse::jsonParses() const {
    boost::system::error_code ec;
    (void)boost::json::parse(body, ec);
    return !ec;
}

std::string urlEncode(const std::string& value) {
    return boost::urls::encode(value, boost::urls::unreserved_chars);
}

struct HttpClient::Impl {
    unsigned short port;
    bool keepAlive;
    std::chrono::milliseconds timeout;
    net::io_context ioc;
    std::optional<beast::tcp_stream> stream;
    beast::flat_buffer buffer;
    int connections = 0;

    bool connect(std::string& error) {
        stream.emplace(ioc);
        buffer.clear();
        stream->expires_after(timeout);
        boost::system::error_code result;
        stream->async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
                              [&](boost::system::error_code ec) { result = ec; });
        ioc.restart();
        ioc.run();
        if (result) {
            error = "connect: " + result.message();
            stream.reset();
            return false;
        }
        ++connections;
        return true;
    }

    // Writes `bytes` and reads one response concurrently (so an early response such as 413
    // is still seen if the server stops reading the request). The answer to a HEAD request has
    // the length of a body it does not carry.
    HttpResponse exchange(const std::string& bytes, bool headRequest = false) {
        HttpResponse response;
        http::response_parser<http::string_body> parser;
        parser.skip(headRequest);
        parser.body_limit(64 * 1024 * 1024);
        parser.header_limit(1024 * 1024);
        boost::system::error_code writeError;
        boost::system::error_code readError;
        bool writeDone = false;
        stream->expires_after(timeout);
        net::async_write(*stream, net::buffer(bytes),
                         [&](boost::system::error_code ec, std::size_t) {
                             writeError = ec;
                             writeDone = true;
                         });
        http::async_read(*stream, buffer, parser, [&](boost::system::error_code ec, std::size_t) {
            readError = ec;
            if (!writeDone) {
                // The server answered before taking the whole request (e.g. 413): stop writing.
                stream->socket().cancel();
            }
        });
        ioc.restart();
        ioc.run();
        if (readError) {
            response.error =
                "read: " + readError.message() +
                (writeError ? " (write: " + writeError.message() + ")" : std::string());
            stream.reset();
            return response;
        }
        const auto& message = parser.get();
        response.status = static_cast<int>(message.result_int());
        for (const auto& field : message) {
            response.headers.emplace_back(std::string(field.name_string()),
                                          std::string(field.value()));
        }
        response.body = message.body();
        if (!keepAlive || !message.keep_alive() || writeError) {
            boost::system::error_code ignored;
            stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
            stream.reset();
        }
        return response;
    }
};

HttpClient::HttpClient(unsigned short port, bool keepAlive, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
    impl_->port = port;
    impl_->keepAlive = keepAlive;
    impl_->timeout = timeout;
}

HttpClient::~HttpClient() = default;

int HttpClient::connectionsOpened() const {
    return impl_->connections;
}

HttpResponse HttpClient::request(const std::string& method, const std::string& target,
                                 const std::optional<std::string>& body, const Headers& headers,
                                 const std::string& contentType) {
    http::request<http::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(http::field::host, "127.0.0.1:" + std::to_string(impl_->port));
    req.set(http::field::user_agent, "caseboard-integration-tests");
    req.keep_alive(impl_->keepAlive);
    for (const auto& [name, value] : headers) {
        req.set(name, value);
    }
    if (body) {
        req.set(http::field::content_type, contentType);
        req.body() = *body;
        req.prepare_payload();
    }
    std::ostringstream serialized;
    serialized << req;
    const std::string bytes = serialized.str();

    const bool reused = impl_->stream.has_value();
    if (!reused) {
        HttpResponse failed;
        if (!impl_->connect(failed.error)) {
            return failed;
        }
    }
    HttpResponse response = impl_->exchange(bytes, method == "HEAD");
    if (response.status == 0 && reused) {
        // The kept-alive connection went away; retry once on a fresh one.
        HttpResponse failed;
        if (!impl_->connect(failed.error)) {
            return failed;
        }
        response = impl_->exchange(bytes, method == "HEAD");
    }
    return response;
}

HttpResponse HttpClient::get(const std::string& target, const std::string& token,
                             const Headers& extra) {
    return request("GET", target, std::nullopt, withToken(token, extra));
}

HttpResponse HttpClient::del(const std::string& target, const std::string& token,
                             const Headers& extra) {
    return request("DELETE", target, std::nullopt, withToken(token, extra));
}

HttpResponse HttpClient::postJson(const std::string& target, const boost::json::value& body,
                                  const std::string& token, const Headers& extra) {
    return request("POST", target, boost::json::serialize(body), withToken(token, extra));
}

HttpResponse HttpClient::patchJson(const std::string& target, const boost::json::value& body,
                                   const std::string& token, const Headers& extra) {
    return request("PATCH", target, boost::json::serialize(body), withToken(token, extra));
}

HttpResponse HttpClient::sendBody(const std::string& method, const std::string& target,
                                  const std::string& body, const std::string& token,
                                  const std::string& contentType) {
    return request(method, target, body, withToken(token, {}), contentType);
}

HttpResponse HttpClient::sendRaw(const std::string& bytes) {
    impl_->stream.reset();
    HttpResponse failed;
    if (!impl_->connect(failed.error)) {
        return failed;
    }
    HttpResponse response = impl_->exchange(bytes);
    impl_->stream.reset();
    return response;
}

}  // namespace caseboard::it
