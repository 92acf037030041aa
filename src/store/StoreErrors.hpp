#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace caseboard::store {

// No such case or user.
struct NotFound : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A uniqueness rule refused the write (an e-mail already registered).
struct Conflict : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The client's If-Match named a version that is no longer current.
struct PreconditionFailed : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Throws PreconditionFailed unless the client named no version or the current one.
inline void requireVersion(std::int64_t current, std::optional<std::int64_t> expected) {
    if (expected && *expected != current) throw PreconditionFailed("version");
}

// The database cannot be reached or refused to work; the request may be retried later (503).
struct Unavailable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace caseboard::store
