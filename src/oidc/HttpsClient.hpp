#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace boost::asio::ssl {
class context;
}

namespace caseboard::oidc {

struct HttpsResponse {
    unsigned status = 0;
    std::string body;
};

// A small synchronous HTTP/1.1 client for the calls a relying party makes to its provider. It
// runs on the caller's thread and never takes longer than the timeout. Only URLs EndpointUrl
// accepts are reached; the certificate chain and the host name are verified. Redirects are
// returned, not followed. Any failure throws OidcError (unavailable).
class HttpsClient {
  public:
    struct Limits {
        std::chrono::milliseconds timeout{std::chrono::seconds(10)};
        std::size_t maxBodyBytes = 1024 * 1024;
    };

    // `caFile` (PEM) holds the authorities to trust; empty: the system's store.
    explicit HttpsClient(const std::string& caFile, Limits limits);
    explicit HttpsClient(const std::string& caFile);
    ~HttpsClient();
    HttpsClient(const HttpsClient&) = delete;
    HttpsClient& operator=(const HttpsClient&) = delete;

    // `authorization` (may be empty) is sent as the Authorization header field.
    HttpsResponse get(std::string_view url, const std::string& authorization = "") const;
    // POSTs an application/x-www-form-urlencoded body.
    HttpsResponse postForm(std::string_view url, std::string formBody,
                           const std::string& authorization) const;

  private:
    std::unique_ptr<boost::asio::ssl::context> tls_;
    Limits limits_;
};

}  // namespace caseboard::oidc
