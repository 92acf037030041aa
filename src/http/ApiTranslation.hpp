#pragma once

#include "api/ApiRequest.hpp"
#include "api/ApiResponse.hpp"
#include "http/Beast.hpp"
#include "http/SharedBody.hpp"

namespace caseboard::http {

using Response = bhttp::response<SharedBody>;

// Beast request → the api layer's request (path decoded, query parsed, headers picked).
// Throws api::ApiError 400 for a target that is not a valid origin-form URL.
api::ApiRequest toApiRequest(const Request& request, const std::string& clientAddress);

// The api layer's response → Beast, with the headers every response carries (security, cache,
// request id). A HEAD request gets the headers without the body.
Response toBeastResponse(api::ApiResponse&& response, const Request& request, bool keepAlive,
                         const std::string& requestId);

}  // namespace caseboard::http
