#pragma once

#include <boost/json/value.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace caseboard::api {

// A response as the api layer builds it; the http layer adds the transport's headers.
struct ApiResponse {
    unsigned status = 200;
    std::string body;
    // When set, sent instead of body: an immutable buffer shared with other responses (a cache).
    std::shared_ptr<const std::string> sharedBody;
    std::string contentType = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    // Patient data must not linger in a browser or proxy cache; static assets say otherwise.
    std::string cacheControl = "no-store";

    static ApiResponse json(unsigned status, const boost::json::value& body);
    static ApiResponse detail(unsigned status, std::string_view detail);
    // 204: done, nothing to say (no body, no content type).
    static ApiResponse noContent();

    ApiResponse& header(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
};

}  // namespace caseboard::api
