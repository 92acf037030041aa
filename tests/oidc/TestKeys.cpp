#include "TestKeys.hpp"

#include "auth/Base64Url.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <boost/json/serialize.hpp>

#include <stdexcept>

namespace caseboard::it {

namespace json = boost::json;

namespace {

std::string bytesOf(const char* name, EVP_PKEY* key, int width = 0) {
    BIGNUM* number = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &number) != 1) throw std::runtime_error(name);
    std::string bytes(width > 0 ? width : BN_num_bytes(number), '\0');
    BN_bn2binpad(number, reinterpret_cast<unsigned char*>(bytes.data()),
                 static_cast<int>(bytes.size()));
    BN_free(number);
    return bytes;
}

std::string rawFromDer(const std::string& der) {
    const auto* in = reinterpret_cast<const unsigned char*>(der.data());
    ECDSA_SIG* signature = d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size()));
    if (signature == nullptr) throw std::runtime_error("bad ECDSA signature");
    std::string raw(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(signature), reinterpret_cast<unsigned char*>(raw.data()), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(signature), reinterpret_cast<unsigned char*>(raw.data()) + 32,
                 32);
    ECDSA_SIG_free(signature);
    return raw;
}

std::string signingInput(const json::object& header, const json::object& payload) {
    return auth::base64UrlEncode(json::serialize(header)) + "." +
           auth::base64UrlEncode(json::serialize(payload));
}

}  // namespace

TestKey::TestKey(std::shared_ptr<EVP_PKEY> key, bool elliptic)
    : key_(std::move(key)), elliptic_(elliptic) {}

TestKey TestKey::rsa(int bits) {
    return TestKey(
        std::shared_ptr<EVP_PKEY>(
            EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)), EVP_PKEY_free),
        false);
}

TestKey TestKey::p256() {
    return TestKey(std::shared_ptr<EVP_PKEY>(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"),
                                             EVP_PKEY_free),
                   true);
}

json::object TestKey::jwk(const std::string& keyId) const {
    if (elliptic_) {
        return {{"kty", "EC"},
                {"kid", keyId},
                {"use", "sig"},
                {"crv", "P-256"},
                {"x", auth::base64UrlEncode(bytesOf(OSSL_PKEY_PARAM_EC_PUB_X, key_.get(), 32))},
                {"y", auth::base64UrlEncode(bytesOf(OSSL_PKEY_PARAM_EC_PUB_Y, key_.get(), 32))}};
    }
    return {{"kty", "RSA"},
            {"kid", keyId},
            {"use", "sig"},
            {"n", auth::base64UrlEncode(bytesOf(OSSL_PKEY_PARAM_RSA_N, key_.get()))},
            {"e", auth::base64UrlEncode(bytesOf(OSSL_PKEY_PARAM_RSA_E, key_.get()))}};
}

std::string TestKey::sign(std::string_view input) const {
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    size_t length = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(input.data());
    if (EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
        EVP_DigestSign(context, nullptr, &length, data, input.size()) != 1) {
        EVP_MD_CTX_free(context);
        throw std::runtime_error("cannot sign");
    }
    std::string signature(length, '\0');
    EVP_DigestSign(context, reinterpret_cast<unsigned char*>(signature.data()), &length, data,
                   input.size());
    EVP_MD_CTX_free(context);
    signature.resize(length);
    return elliptic_ ? rawFromDer(signature) : signature;
}

std::string signedToken(const json::object& header, const json::object& payload,
                        const TestKey& key) {
    const std::string input = signingInput(header, payload);
    return input + "." + auth::base64UrlEncode(key.sign(input));
}

std::string hmacToken(const json::object& header, const json::object& payload,
                      std::string_view secret) {
    const std::string input = signingInput(header, payload);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
    return input + "." +
           auth::base64UrlEncode(std::string_view(reinterpret_cast<char*>(mac), length));
}

std::string unsignedToken(const json::object& header, const json::object& payload) {
    return signingInput(header, payload) + ".";
}

}  // namespace caseboard::it
