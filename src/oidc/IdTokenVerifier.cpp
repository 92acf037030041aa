#include "oidc/IdTokenVerifier.hpp"

#include "oidc/CompactJws.hpp"
#include "oidc/OidcError.hpp"

#include <optional>

namespace caseboard::oidc {

namespace json = boost::json;

namespace {

std::optional<std::string_view> stringClaim(const json::object& claims, std::string_view name) {
    const json::value* value = claims.if_contains(name);
    if (value == nullptr || !value->is_string()) return std::nullopt;
    return std::string_view(value->get_string());
}

std::optional<double> numericClaim(const json::object& claims, std::string_view name) {
    const json::value* value = claims.if_contains(name);
    if (value == nullptr || !value->is_number()) return std::nullopt;
    return value->to_number<double>();
}

double nowSeconds() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

[[noreturn]] void refuse(const std::string& reason) {
    throw OidcError::unverified("ID token refused: " + reason);
}

}  // namespace

IdTokenVerifier::IdTokenVerifier(std::string issuer, std::string clientId, Jwks& keys)
    : issuer_(std::move(issuer)), clientId_(std::move(clientId)), keys_(keys) {}

json::object IdTokenVerifier::verify(std::string_view idToken,
                                     std::string_view expectedNonce) const {
    auto jws = CompactJws::parse(idToken);
    if (!jws) refuse("not a compact JWS");
    const auto algorithmName = stringClaim(jws->header, "alg");
    const auto algorithm = algorithmName ? parseSigningAlgorithm(*algorithmName) : std::nullopt;
    if (!algorithm) refuse("alg is not RS256 or ES256");
    // No extension is understood, so a token that makes one critical must not pass (RFC 7515).
    if (jws->header.contains("crit")) refuse("critical header extensions");
    const auto keyId = stringClaim(jws->header, "kid");
    if (!keyId) refuse("no kid");
    const JsonWebKey key = keys_.key(std::string(*keyId));
    if (key.algorithm() != *algorithm) refuse("alg does not fit the key's type");
    if (!key.verify(jws->signingInput, jws->signature)) refuse("bad signature");
    checkClaims(jws->payload, expectedNonce);
    return std::move(jws->payload);
}

void IdTokenVerifier::checkClaims(const json::object& claims,
                                  std::string_view expectedNonce) const {
    if (stringClaim(claims, "iss") != std::string_view(issuer_)) refuse("iss is another issuer");
    checkAudience(claims);
    const double now = nowSeconds();
    const double skew = static_cast<double>(kClockSkew.count());
    const auto expires = numericClaim(claims, "exp");
    if (!expires || *expires <= now - skew) refuse("expired or no exp");
    const auto issued = numericClaim(claims, "iat");
    if (!issued || *issued > now + skew) refuse("iat in the future or missing");
    if (expectedNonce.empty() || stringClaim(claims, "nonce") != expectedNonce) {
        refuse("nonce is not this sign-in's");
    }
    const auto subject = stringClaim(claims, "sub");
    if (!subject || subject->empty()) refuse("no sub");
}

void IdTokenVerifier::checkAudience(const json::object& claims) const {
    const json::value* audience = claims.if_contains("aud");
    std::size_t audiences = 0;
    bool ours = false;
    if (audience != nullptr && audience->is_string()) {
        audiences = 1;
        ours = audience->get_string() == clientId_;
    } else if (audience != nullptr && audience->is_array()) {
        for (const json::value& entry : audience->get_array()) {
            ++audiences;
            ours = ours || (entry.is_string() && entry.get_string() == clientId_);
        }
    }
    if (!ours) refuse("aud does not hold the client id");
    const auto authorizedParty = stringClaim(claims, "azp");
    const bool azpRequired = audiences > 1;
    if ((azpRequired || authorizedParty) && authorizedParty != std::string_view(clientId_)) {
        refuse("azp is not the client id");
    }
}

}  // namespace caseboard::oidc
