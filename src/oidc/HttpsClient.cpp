#include "oidc/HttpsClient.hpp"

#include "oidc/EndpointUrl.hpp"
#include "oidc/OidcError.hpp"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <optional>

namespace caseboard::oidc {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using Request = http::request<http::string_body>;

namespace {

constexpr std::uint32_t kMaxHeaderBytes = 16 * 1024;

// Over plain http the name must also resolve to loopback only: "localhost" could be mapped
// elsewhere by the resolver.
tcp::resolver::results_type checkedEndpoints(const EndpointUrl& url,
                                             tcp::resolver::results_type endpoints) {
    if (!url.tls()) {
        for (const auto& entry : endpoints) {
            if (!entry.endpoint().address().is_loopback()) {
                throw OidcError::unavailable("http:// host resolves beyond loopback: " +
                                             url.host());
            }
        }
    }
    return endpoints;
}

void expectCertificateFor(SSL* ssl, const EndpointUrl& url) {
    // SNI carries host names only, never addresses (RFC 6066, 3).
    if (!url.hostIsAddress() && SSL_set_tlsext_host_name(ssl, url.host().c_str()) != 1) {
        throw OidcError::unavailable("cannot set the TLS server name");
    }
    const int named = url.hostIsAddress()
                          ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), url.host().c_str())
                          : SSL_set1_host(ssl, url.host().c_str());
    if (named != 1) throw OidcError::unavailable("cannot check the certificate for " + url.host());
}

template <class Stream>
asio::awaitable<HttpsResponse> roundTrip(Stream& stream, Request& request,
                                         std::size_t maxBodyBytes) {
    co_await http::async_write(stream, request, asio::use_awaitable);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.header_limit(kMaxHeaderBytes);
    parser.body_limit(maxBodyBytes);
    co_await http::async_read(stream, buffer, parser, asio::use_awaitable);
    co_return HttpsResponse{parser.get().result_int(), std::move(parser.get().body())};
}

asio::awaitable<HttpsResponse> exchange(asio::ssl::context& tls, const EndpointUrl& url,
                                        Request request, Clock::time_point deadline,
                                        std::size_t maxBodyBytes) {
    auto executor = co_await asio::this_coro::executor;
    tcp::resolver resolver(executor);
    const auto endpoints = checkedEndpoints(
        url, co_await resolver.async_resolve(url.host(), url.port(), asio::use_awaitable));
    if (!url.tls()) {
        beast::tcp_stream stream(executor);
        stream.expires_at(deadline);
        co_await stream.async_connect(endpoints, asio::use_awaitable);
        co_return co_await roundTrip(stream, request, maxBodyBytes);
    }
    beast::ssl_stream<beast::tcp_stream> stream(executor, tls);
    expectCertificateFor(stream.native_handle(), url);
    beast::get_lowest_layer(stream).expires_at(deadline);
    co_await beast::get_lowest_layer(stream).async_connect(endpoints, asio::use_awaitable);
    co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
    co_return co_await roundTrip(stream, request, maxBodyBytes);
}

Request requestFor(http::verb method, const EndpointUrl& url) {
    Request request{method, url.target(), 11};
    request.set(http::field::host, url.authority());
    request.set(http::field::user_agent, "Caseboard");
    request.set(http::field::accept, "application/json");
    request.keep_alive(false);
    return request;
}

HttpsResponse perform(asio::ssl::context& tls, const HttpsClient::Limits& limits,
                      const EndpointUrl& url, Request request) {
    const auto deadline = Clock::now() + limits.timeout;
    asio::io_context io;
    std::optional<HttpsResponse> response;
    std::exception_ptr failure;
    asio::co_spawn(io, exchange(tls, url, std::move(request), deadline, limits.maxBodyBytes),
                   [&](std::exception_ptr error, HttpsResponse answer) {
                       failure = error;
                       if (!error) response = std::move(answer);
                   });
    // The stream's own expiry bounds connect, handshake and transfer; this bounds the resolver.
    io.run_until(deadline);
    if (failure) {
        try {
            std::rethrow_exception(failure);
        } catch (const OidcError&) {
            throw;
        } catch (const std::exception& e) {
            throw OidcError::unavailable(url.host() + ": " + e.what());
        }
    }
    if (!response) throw OidcError::unavailable(url.host() + ": no answer in time");
    return std::move(*response);
}

}  // namespace

HttpsClient::HttpsClient(const std::string& caFile, Limits limits)
    : tls_(std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client)), limits_(limits) {
    tls_->set_options(asio::ssl::context::no_sslv2 | asio::ssl::context::no_sslv3 |
                      asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
    tls_->set_verify_mode(asio::ssl::verify_peer);
    if (caFile.empty()) {
        tls_->set_default_verify_paths();
    } else {
        tls_->load_verify_file(caFile);
    }
}

HttpsClient::HttpsClient(const std::string& caFile) : HttpsClient(caFile, Limits{}) {}

HttpsClient::~HttpsClient() = default;

HttpsResponse HttpsClient::get(std::string_view url, const std::string& authorization) const {
    const EndpointUrl endpoint = EndpointUrl::parse(url);
    Request request = requestFor(http::verb::get, endpoint);
    if (!authorization.empty()) request.set(http::field::authorization, authorization);
    return perform(*tls_, limits_, endpoint, std::move(request));
}

HttpsResponse HttpsClient::postForm(std::string_view url, std::string formBody,
                                    const std::string& authorization) const {
    const EndpointUrl endpoint = EndpointUrl::parse(url);
    Request request = requestFor(http::verb::post, endpoint);
    request.set(http::field::content_type, "application/x-www-form-urlencoded");
    if (!authorization.empty()) request.set(http::field::authorization, authorization);
    request.body() = std::move(formBody);
    request.prepare_payload();
    return perform(*tls_, limits_, endpoint, std::move(request));
}

}  // namespace caseboard::oidc
