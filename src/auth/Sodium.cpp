#include "auth/Sodium.hpp"

#include <sodium.h>

#include <stdexcept>

namespace caseboard::auth {

void requireSodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace caseboard::auth
