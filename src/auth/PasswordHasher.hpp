#pragma once

#include <string>
#include <string_view>

namespace caseboard::auth {

// argon2id through libsodium at OWASP's recommended cost (19 MiB, 2 passes): strong enough for a
// hospital, cheap enough that a burst of sign-ins does not exhaust memory. Each call costs tens of
// milliseconds of CPU, so callers run it on the dedicated hashing pool.
class PasswordHasher {
  public:
    PasswordHasher();

    std::string hash(std::string_view password) const;
    bool verify(std::string_view hash, std::string_view password) const;
    // Spends the same time as a real verify, for sign-ins with an unknown e-mail (no enumeration).
    void verifyDummy(std::string_view password) const;

  private:
    std::string dummyHash_;
};

}  // namespace caseboard::auth
