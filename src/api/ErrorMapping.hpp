#pragma once

#include <exception>

#include "api/ApiResponse.hpp"

namespace caseboard::api {

// Turns every way a handler can fail into its response: the one place where exceptions meet HTTP
// status codes. Nothing a client sends produces a 5xx; an unexpected failure is logged and
// answered 500 without internals.
ApiResponse responseFor(std::exception_ptr error);

}  // namespace caseboard::api
