#pragma once

#include <string>

namespace caseboard::auth {

// The signing key for tokens: read from path, or created there (32 random bytes, mode 0600) on
// first start so that tokens stay valid across restarts. Throws std::runtime_error with a
// readable reason when the file cannot be read or created.
std::string loadOrCreateSecret(const std::string& path);

}  // namespace caseboard::auth
