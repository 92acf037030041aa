#pragma once

#include <stdexcept>
#include <string>

#include "api/ApiResponse.hpp"

namespace caseboard::api {

// A request refused with a given response (401, 403, 404, 429, …). Thrown from anywhere in a
// handler and turned into its response in one place (ErrorMapping).
class ApiError : public std::runtime_error {
  public:
    explicit ApiError(ApiResponse response)
        : std::runtime_error("api error"), response_(std::move(response)) {}
    ApiError(unsigned status, std::string_view detail)
        : ApiError(ApiResponse::detail(status, detail)) {}

    const ApiResponse& response() const { return response_; }

    static ApiError unauthorized(std::string_view detail) {
        return ApiError(ApiResponse::detail(401, detail).header("WWW-Authenticate", "Bearer"));
    }
    static ApiError notFound() { return ApiError(404, "Not found"); }

  private:
    ApiResponse response_;
};

}  // namespace caseboard::api
