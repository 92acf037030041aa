#pragma once

#include <chrono>
#include <string>

#include "http/Beast.hpp"

namespace caseboard::http {

// One access-log line: never a query string (it can hold a token or a patient's name), a body or
// a header.
void logAccess(const Request& request, unsigned status, std::chrono::steady_clock::duration took,
               const std::string& requestId, const std::string& clientAddress);

}  // namespace caseboard::http
