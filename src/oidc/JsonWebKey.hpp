#pragma once

#include "oidc/SigningAlgorithm.hpp"

#include <boost/json/object.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct evp_pkey_st;

namespace caseboard::oidc {

// A provider's public signing key (RFC 7517): RSA (n, e; at least 2048 bits) for RS256, or EC
// P-256 (x, y) for ES256. Immutable, cheap to copy, safe to use from many threads at once.
class JsonWebKey {
  public:
    // Empty for a key this relying party cannot or must not use: another type or curve, an
    // encryption key, one whose "alg" is not RS256/ES256, or a malformed one.
    static std::optional<JsonWebKey> fromJson(const boost::json::object& jwk);

    const std::string& id() const { return id_; }
    SigningAlgorithm algorithm() const { return algorithm_; }
    // Whether `signature` (JWS form: RSASSA-PKCS1-v1_5, or ECDSA r||s) signs `signingInput`.
    bool verify(std::string_view signingInput, std::string_view signature) const;

  private:
    JsonWebKey(std::string id, SigningAlgorithm algorithm, std::shared_ptr<evp_pkey_st> key);

    std::string id_;
    SigningAlgorithm algorithm_;
    std::shared_ptr<evp_pkey_st> key_;
};

}  // namespace caseboard::oidc
