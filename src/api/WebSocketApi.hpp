#pragma once

#include <string>
#include <variant>

#include "api/ApiRequest.hpp"
#include "api/ApiResponse.hpp"
#include "api/Authenticator.hpp"
#include "store/Store.hpp"

namespace caseboard::api {

// Who is on the other end of an accepted WebSocket: the claims of its token (the socket closes
// with 1008 when the token expires or its session ends), and the access generation
// (Authenticator) its session was checked at.
struct WsIdentity {
    auth::TokenClaims claims;
    std::uint64_t checkedAt = 0;
};

// The /ws rules that are not transport: who may open a socket, and what their text becomes.
class WebSocketApi {
  public:
    static constexpr std::size_t kMaxMessageBytes = 4096;

    WebSocketApi(const Authenticator& authenticator, store::Store& store,
                 std::vector<std::string> allowedOrigins)
        : authenticator_(authenticator),
          store_(store),
          allowedOrigins_(std::move(allowedOrigins)) {}

    // The identity to open the socket for, or the refusal to answer the upgrade with (401
    // without a valid token or a live session, 403 for a pending account or a browser page from
    // a foreign origin). Reads the store: worker lanes only.
    std::variant<WsIdentity, ApiResponse> authorize(const ApiRequest& upgrade) const;
    // Whether an access change happened since the socket's session was checked: a socket that
    // joined its loop while one was on its way may have missed it, and checks again.
    bool accessChangedSince(const WsIdentity& who) const {
        return authenticator_.accessGeneration() != who.checkedAt;
    }
    // Whether the socket's session is still live and its user may still read. Reads the store.
    bool stillAllowed(const WsIdentity& who) const;

    // Relays an editor's text to every screen, through the store so that screens on other
    // instances get it too; the answer for the sender alone, if any (a viewer may not broadcast,
    // the database may be down). Reads and writes the store: worker lanes only.
    std::optional<std::string> onText(const WsIdentity& who, const std::string& text) const;

  private:
    bool originAllowed(const ApiRequest& upgrade) const;
    // Why the session may not have a socket (401, 403, 503), if it may not.
    std::optional<ApiResponse> refusalFor(const WsIdentity& who) const;

    const Authenticator& authenticator_;
    store::Store& store_;
    std::vector<std::string> allowedOrigins_;
};

}  // namespace caseboard::api
