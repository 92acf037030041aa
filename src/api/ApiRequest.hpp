#pragma once

#include <string>
#include <vector>

#include "domain/QueryParams.hpp"

namespace caseboard::api {

// A request as the api layer sees it: no Beast types, only what the handlers need.
struct ApiRequest {
    std::string method;  // "GET", "POST", …
    std::string path;    // percent-decoded, without the query string
    domain::QueryParams query;
    std::string body;
    std::string contentType;
    std::string authorization;
    std::string ifMatch;
    std::string ifNoneMatch;
    std::string origin;
    std::string host;
    std::string clientAddress;
    std::vector<std::string> pathParams;  // the {…} segments of the matched route, in order
};

}  // namespace caseboard::api
