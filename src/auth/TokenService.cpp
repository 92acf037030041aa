#include "auth/TokenService.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>

#include <stdexcept>

#include "auth/Base64Url.hpp"

namespace caseboard::auth {

namespace json = boost::json;

namespace {
constexpr std::string_view kHeader = R"({"alg":"HS256","typ":"JWT"})";
}

std::int64_t unixNow() {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

TokenService::TokenService(std::string secret, std::chrono::seconds lifetime)
    : secret_(std::move(secret)), lifetime_(lifetime) {
    if (secret_.size() < 32) throw std::invalid_argument("the JWT secret needs at least 32 bytes");
}

std::string TokenService::sign(std::string_view signingInput) const {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
              reinterpret_cast<const unsigned char*>(signingInput.data()), signingInput.size(), mac,
              &length)) {
        throw std::runtime_error("HMAC failed");
    }
    return std::string(reinterpret_cast<const char*>(mac), length);
}

std::string TokenService::issue(const std::string& userId, const std::string& email,
                                const std::string& sessionId) const {
    return issueAt(userId, email, sessionId, unixNow());
}

std::string TokenService::issueAt(const std::string& userId, const std::string& email,
                                  const std::string& sessionId, std::int64_t now) const {
    json::object claims{{"sub", userId},
                        {"email", email},
                        {"sid", sessionId},
                        {"iat", now},
                        {"exp", now + lifetime_.count()}};
    std::string input = base64UrlEncode(kHeader) + "." + base64UrlEncode(json::serialize(claims));
    return input + "." + base64UrlEncode(sign(input));
}

std::optional<TokenClaims> TokenService::verify(std::string_view token) const {
    return verifyAt(token, unixNow());
}

std::optional<TokenClaims> TokenService::verifyAt(std::string_view token, std::int64_t now) const {
    if (token.size() > 4096) return std::nullopt;
    auto claims = verified_.find(token);
    if (!claims) {
        claims = checkSignature(token);
        if (!claims || !plausible(*claims, now)) return std::nullopt;
        verified_.remember(token, *claims);
    }
    if (claims->expiresAt <= now) return std::nullopt;
    return claims;
}

// A token we issued lives no longer than the configured lifetime and was not issued in the
// future (beyond a little clock skew between instances). Any other, signed or not, is not ours
// to honour: a leaked secret or a bug must not give a token that lasts until the year 9999.
bool TokenService::plausible(const TokenClaims& claims, std::int64_t now) const {
    // In this order, so that no sum overflows whatever a token claims.
    return claims.issuedAt <= now + kClockSkew.count() &&
           claims.expiresAt <= claims.issuedAt + lifetime_.count();
}

std::optional<TokenClaims> TokenService::checkSignature(std::string_view token) const {
    auto firstDot = token.find('.');
    auto secondDot = token.find('.', firstDot + 1);
    if (firstDot == std::string_view::npos || secondDot == std::string_view::npos ||
        token.find('.', secondDot + 1) != std::string_view::npos) {
        return std::nullopt;
    }
    auto header = base64UrlDecode(token.substr(0, firstDot));
    auto payload = base64UrlDecode(token.substr(firstDot + 1, secondDot - firstDot - 1));
    auto signature = base64UrlDecode(token.substr(secondDot + 1));
    if (!header || !payload || !signature) return std::nullopt;

    boost::system::error_code ec;
    json::value headerJson = json::parse(*header, ec);
    if (ec || !headerJson.is_object()) return std::nullopt;
    const auto* alg = headerJson.get_object().if_contains("alg");
    if (!alg || !alg->is_string() || alg->get_string() != "HS256") return std::nullopt;

    std::string expected = sign(token.substr(0, secondDot));
    if (signature->size() != expected.size() ||
        CRYPTO_memcmp(signature->data(), expected.data(), expected.size()) != 0) {
        return std::nullopt;
    }

    json::value claimsJson = json::parse(*payload, ec);
    if (ec || !claimsJson.is_object()) return std::nullopt;
    const auto& claims = claimsJson.get_object();
    const auto* sub = claims.if_contains("sub");
    const auto* email = claims.if_contains("email");
    const auto* iat = claims.if_contains("iat");
    const auto* exp = claims.if_contains("exp");
    // A token without a session (one of an older version) cannot be signed out: not honoured.
    const auto* sid = claims.if_contains("sid");
    if (!sub || !sub->is_string() || !email || !email->is_string() || !iat || !iat->is_int64() ||
        !exp || !exp->is_int64() || !sid || !sid->is_string() || sid->get_string().empty()) {
        return std::nullopt;
    }
    return TokenClaims{std::string(sub->get_string()), std::string(email->get_string()),
                       std::string(sid->get_string()), iat->get_int64(), exp->get_int64()};
}

}  // namespace caseboard::auth
