#pragma once

#include <cstddef>

#include "http/Beast.hpp"

namespace caseboard::http {

using RequestParser = bhttp::request_parser<bhttp::string_body>;

inline constexpr std::size_t kRequestBodyLimit = 64 * 1024;
inline constexpr std::size_t kRequestHeaderLimit = 16 * 1024;

// Sets the limits every request is read with: the request line and headers up to 16 KiB, the body
// (chunked or not) up to 64 KiB. HttpSession reads with them, and the fuzz target checks them.
void applyRequestLimits(RequestParser& parser);

}  // namespace caseboard::http
