#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace caseboard::oidc {

// What a sign-in started here must prove when the browser comes back.
struct PendingLogin {
    std::string state;         // binds the callback to this sign-in (CSRF)
    std::string nonce;         // binds the ID token to this sign-in (replay)
    std::string codeVerifier;  // PKCE: binds the code to this relying party (RFC 7636)
};

// Sign-ins between the redirect to the provider and the callback. Each value is 32 random
// bytes, base64url. A state is taken once; it expires after `lifetime`; beyond `capacity`
// the oldest is dropped, so unfinished sign-ins cannot grow memory. Thread-safe.
class PendingLogins {
  public:
    using Clock = std::chrono::steady_clock;

    explicit PendingLogins(std::size_t capacity = 10000,
                           Clock::duration lifetime = std::chrono::minutes(10));

    PendingLogin start();
    // The sign-in this state began, removed; empty if unknown, expired or already taken.
    std::optional<PendingLogin> take(std::string_view state);

  private:
    struct Entry {
        PendingLogin login;
        Clock::time_point created;
    };

    void dropExpired(Clock::time_point now);

    std::size_t capacity_;
    Clock::duration lifetime_;
    std::mutex mutex_;
    std::list<Entry> byAge_;  // oldest first
    std::unordered_map<std::string_view, std::list<Entry>::iterator> byState_;
};

}  // namespace caseboard::oidc
