#pragma once

#include <boost/json.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace caseboard::it {

struct HttpResponse {
    int status = 0;                                            // 0: no response (see error)
    std::vector<std::pair<std::string, std::string>> headers;  // in order received
    std::string body;
    std::string error;  // transport error, if any

    // First header with this name (case-insensitive), or "" if absent.
    std::string header(const std::string& name) const;
    bool hasHeader(const std::string& name) const;
    // The body parsed as JSON; a JSON null if it does not parse.
    boost::json::value json() const;
    bool jsonParses() const;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// A synchronous HTTP/1.1 client for 127.0.0.1:<port>. Every operation has a bounded timeout.
// By default each request uses its own connection; with keepAlive the connection is reused.
// One instance per thread.
class HttpClient {
  public:
    explicit HttpClient(unsigned short port, bool keepAlive = false,
                        std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    HttpResponse request(const std::string& method, const std::string& target,
                         const std::optional<std::string>& body = std::nullopt,
                         const Headers& headers = {},
                         const std::string& contentType = "application/json");

    // Convenience wrappers; a non-empty token adds "Authorization: Bearer <token>".
    HttpResponse get(const std::string& target, const std::string& token = "",
                     const Headers& extra = {});
    HttpResponse del(const std::string& target, const std::string& token = "",
                     const Headers& extra = {});
    HttpResponse postJson(const std::string& target, const boost::json::value& body,
                          const std::string& token = "", const Headers& extra = {});
    HttpResponse patchJson(const std::string& target, const boost::json::value& body,
                           const std::string& token = "", const Headers& extra = {});
    // Sends `body` verbatim as the request body with the given content type.
    HttpResponse sendBody(const std::string& method, const std::string& target,
                          const std::string& body, const std::string& token = "",
                          const std::string& contentType = "application/json");

    // Writes raw bytes on a fresh connection and reads one response (status 0 if none came).
    HttpResponse sendRaw(const std::string& bytes);

    // Number of TCP connections opened so far (to observe keep-alive).
    int connectionsOpened() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Percent-encodes a query parameter value.
std::string urlEncode(const std::string& value);

}  // namespace caseboard::it
