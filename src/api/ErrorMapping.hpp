#pragma once

#include <exception>
#include <functional>
#include <optional>

#include "api/ApiResponse.hpp"

namespace caseboard::api {

// Runs a handler and turns every way it can fail into its response: the one place where
// exceptions meet HTTP status codes. Nothing a client sends produces a 5xx; an unexpected
// failure is logged and answered 500 without internals.
ApiResponse respondSafely(const std::function<ApiResponse()>& handler);
std::optional<ApiResponse> attemptSafely(
    const std::function<std::optional<ApiResponse>()>& handler);
// The response for a failure reported rather than thrown (a write's completion).
ApiResponse responseFor(std::exception_ptr error);

}  // namespace caseboard::api
