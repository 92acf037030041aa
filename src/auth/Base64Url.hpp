#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace caseboard::auth {

// base64url without padding, as JWT (RFC 7515) uses it.
std::string base64UrlEncode(std::string_view bytes);
std::optional<std::string> base64UrlDecode(std::string_view text);

}  // namespace caseboard::auth
