#pragma once

namespace caseboard::auth {

// Initialises libsodium (once; later calls return at once). Throws if it cannot: without it,
// nothing that hashes or draws randomness through libsodium is safe to use.
void requireSodium();

}  // namespace caseboard::auth
