#pragma once

#include <optional>
#include <string_view>

namespace caseboard::oidc {

// The ID token signatures accepted. Everything else ("none", HS*, PS*, …) is refused: a
// symmetric algorithm would let anyone holding the client secret mint tokens.
enum class SigningAlgorithm { RS256, ES256 };

inline std::optional<SigningAlgorithm> parseSigningAlgorithm(std::string_view name) {
    if (name == "RS256") return SigningAlgorithm::RS256;
    if (name == "ES256") return SigningAlgorithm::ES256;
    return std::nullopt;
}

}  // namespace caseboard::oidc
