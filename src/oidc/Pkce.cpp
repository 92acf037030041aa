#include "oidc/Pkce.hpp"

#include "auth/Base64Url.hpp"

#include <sodium.h>

#include <array>

namespace caseboard::oidc {

std::string pkceChallenge(std::string_view codeVerifier) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(codeVerifier.data()),
                       codeVerifier.size());
    return auth::base64UrlEncode(
        std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

}  // namespace caseboard::oidc
