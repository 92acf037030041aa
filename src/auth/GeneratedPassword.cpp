#include "auth/GeneratedPassword.hpp"

#include <sodium.h>

#include <array>

#include "auth/Base64Url.hpp"
#include "auth/Sodium.hpp"

namespace caseboard::auth {

std::string generatePassword() {
    requireSodium();
    std::array<unsigned char, 18> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    return base64UrlEncode(
        std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

}  // namespace caseboard::auth
