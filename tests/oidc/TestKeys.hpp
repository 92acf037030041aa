#pragma once

#include <boost/json/object.hpp>

#include <memory>
#include <string>
#include <string_view>

struct evp_pkey_st;

namespace caseboard::it {

// A signing key made for one test, to craft ID tokens the provider would never issue.
class TestKey {
  public:
    static TestKey rsa(int bits = 2048);
    static TestKey p256();

    // The public half as a JWK ("kty", "kid", "use": "sig" and n/e or crv/x/y).
    boost::json::object jwk(const std::string& keyId) const;
    // The JWS signature of `input`: RSASSA-PKCS1-v1_5 SHA-256, or ECDSA P-256 as r||s.
    std::string sign(std::string_view input) const;

  private:
    explicit TestKey(std::shared_ptr<evp_pkey_st> key, bool elliptic);

    std::shared_ptr<evp_pkey_st> key_;
    bool elliptic_;
};

// base64url(header).base64url(payload) and the signature part.
std::string signedToken(const boost::json::object& header, const boost::json::object& payload,
                        const TestKey& key);
// The same, signed with HMAC-SHA-256 under `secret` (what an HS256 forgery would look like).
std::string hmacToken(const boost::json::object& header, const boost::json::object& payload,
                      std::string_view secret);
// With an empty signature part (alg "none").
std::string unsignedToken(const boost::json::object& header, const boost::json::object& payload);

}  // namespace caseboard::it
