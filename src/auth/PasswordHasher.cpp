#include "auth/PasswordHasher.hpp"

#include <sodium.h>

#include <stdexcept>

#include "auth/Sodium.hpp"

namespace caseboard::auth {

namespace {
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19u * 1024u * 1024u;
}  // namespace

PasswordHasher::PasswordHasher() {
    requireSodium();
    dummyHash_ = hash("caseboard-dummy-password");
}

std::string PasswordHasher::hash(std::string_view password) const {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("out of memory while hashing a password");
    }
    return out;
}

bool PasswordHasher::verify(std::string_view hash, std::string_view password) const {
    std::string stored(hash);  // libsodium needs a NUL-terminated string
    return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::verifyDummy(std::string_view password) const {
    verify(dummyHash_, password);
}

}  // namespace caseboard::auth
