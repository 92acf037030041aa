#include "oidc/JsonWebKey.hpp"

#include "auth/Base64Url.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

namespace caseboard::oidc {

namespace json = boost::json;

namespace {

constexpr int kMinRsaBits = 2048;
constexpr int kMaxRsaBits = 8192;
constexpr std::size_t kP256CoordinateBytes = 32;

template <class T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using Bignum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using KeyContext = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using EcdsaSignature = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;

std::optional<std::string> decodedMember(const json::object& jwk, std::string_view name) {
    const json::value* member = jwk.if_contains(name);
    if (member == nullptr || !member->is_string()) return std::nullopt;
    return auth::base64UrlDecode(member->get_string());
}

std::string stringMember(const json::object& jwk, std::string_view name) {
    const json::value* member = jwk.if_contains(name);
    return member != nullptr && member->is_string() ? std::string(member->get_string()) : "";
}

Bignum bignum(std::string_view bytes) {
    return Bignum(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                            static_cast<int>(bytes.size()), nullptr));
}

// Builds a public key from OpenSSL 3 parameters and checks it (for EC: the point is on the curve).
std::shared_ptr<EVP_PKEY> publicKey(const char* type, OSSL_PARAM_BLD* builder) {
    Params params(OSSL_PARAM_BLD_to_param(builder));
    KeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY* raw = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 ||
        EVP_PKEY_fromdata(context.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        return nullptr;
    }
    std::shared_ptr<EVP_PKEY> key(raw, EVP_PKEY_free);
    KeyContext check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1) return nullptr;
    return key;
}

std::shared_ptr<EVP_PKEY> rsaKey(const json::object& jwk) {
    const auto n = decodedMember(jwk, "n");
    const auto e = decodedMember(jwk, "e");
    if (!n || !e || e->empty() || e->size() > 8) return nullptr;
    const Bignum modulus = bignum(*n);
    const Bignum exponent = bignum(*e);
    ParamBuilder builder(OSSL_PARAM_BLD_new());
    if (!modulus || !exponent || !builder || BN_num_bits(modulus.get()) < kMinRsaBits ||
        BN_num_bits(modulus.get()) > kMaxRsaBits ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1) {
        return nullptr;
    }
    return publicKey("RSA", builder.get());
}

std::shared_ptr<EVP_PKEY> p256Key(const json::object& jwk) {
    const auto x = decodedMember(jwk, "x");
    const auto y = decodedMember(jwk, "y");
    if (stringMember(jwk, "crv") != "P-256" || !x || !y || x->size() != kP256CoordinateBytes ||
        y->size() != kP256CoordinateBytes) {
        return nullptr;
    }
    const std::string point = '\x04' + *x + *y;  // SEC 1 uncompressed form
    ParamBuilder builder(OSSL_PARAM_BLD_new());
    if (!builder ||
        OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1",
                                        0) != 1 ||
        OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                         point.size()) != 1) {
        return nullptr;
    }
    return publicKey("EC", builder.get());
}

// JWS carries ECDSA signatures as the two 32-byte integers r||s (RFC 7518, 3.4); OpenSSL
// verifies the DER encoding.
std::optional<std::string> derFromRawEcdsa(std::string_view raw) {
    if (raw.size() != 2 * kP256CoordinateBytes) return std::nullopt;
    EcdsaSignature signature(ECDSA_SIG_new());
    Bignum r = bignum(raw.substr(0, kP256CoordinateBytes));
    Bignum s = bignum(raw.substr(kP256CoordinateBytes));
    if (!signature || !r || !s || ECDSA_SIG_set0(signature.get(), r.get(), s.get()) != 1) {
        return std::nullopt;
    }
    r.release();  // owned by the signature now
    s.release();
    const int length = i2d_ECDSA_SIG(signature.get(), nullptr);
    if (length <= 0) return std::nullopt;
    std::string der(static_cast<std::size_t>(length), '\0');
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    if (i2d_ECDSA_SIG(signature.get(), &out) != length) return std::nullopt;
    return der;
}

}  // namespace

JsonWebKey::JsonWebKey(std::string id, SigningAlgorithm algorithm, std::shared_ptr<EVP_PKEY> key)
    : id_(std::move(id)), algorithm_(algorithm), key_(std::move(key)) {}

std::optional<JsonWebKey> JsonWebKey::fromJson(const json::object& jwk) {
    const std::string use = stringMember(jwk, "use");
    const std::string type = stringMember(jwk, "kty");
    if ((!use.empty() && use != "sig") || (type != "RSA" && type != "EC")) return std::nullopt;
    const SigningAlgorithm algorithm =
        type == "EC" ? SigningAlgorithm::ES256 : SigningAlgorithm::RS256;
    const std::string declared = stringMember(jwk, "alg");
    if (!declared.empty() && parseSigningAlgorithm(declared) != algorithm) return std::nullopt;
    std::shared_ptr<EVP_PKEY> key = type == "EC" ? p256Key(jwk) : rsaKey(jwk);
    // A refused key leaves OpenSSL's per-thread error queue full; a later TLS call on this
    // thread would read those errors as its own.
    ERR_clear_error();
    if (!key) return std::nullopt;
    return JsonWebKey(stringMember(jwk, "kid"), algorithm, std::move(key));
}

bool JsonWebKey::verify(std::string_view signingInput, std::string_view signature) const {
    std::string encoded(signature);
    if (algorithm_ == SigningAlgorithm::ES256) {
        const auto der = derFromRawEcdsa(signature);
        if (!der) return false;
        encoded = *der;
    }
    DigestContext context(EVP_MD_CTX_new());
    const bool valid =
        context &&
        EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key_.get()) == 1 &&
        EVP_DigestVerify(
            context.get(), reinterpret_cast<const unsigned char*>(encoded.data()), encoded.size(),
            reinterpret_cast<const unsigned char*>(signingInput.data()), signingInput.size()) == 1;
    ERR_clear_error();
    return valid;
}

}  // namespace caseboard::oidc
