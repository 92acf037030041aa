#pragma once

#include <string>
#include <variant>

#include "api/ApiRequest.hpp"
#include "api/ApiResponse.hpp"
#include "api/Authenticator.hpp"
#include "store/Store.hpp"

namespace caseboard::api {

// Who is on the other end of an accepted WebSocket.
struct WsIdentity {
    std::string userId;
    std::string email;
    std::int64_t expiresAt = 0;  // Unix seconds: the socket closes (1008) when the token expires
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

    // The identity to open the socket for, or the refusal to answer the upgrade with
    // (401 without a valid token, 403 for a browser page from a foreign origin).
    std::variant<WsIdentity, ApiResponse> authorize(const ApiRequest& upgrade) const;

    // Relays an editor's text to every screen, through the store so that screens on other
    // instances get it too; the answer for the sender alone, if any (a viewer may not broadcast,
    // the database may be down). Reads and writes the store: worker lanes only.
    std::optional<std::string> onText(const WsIdentity& who, const std::string& text) const;

  private:
    bool originAllowed(const ApiRequest& upgrade) const;

    const Authenticator& authenticator_;
    store::Store& store_;
    std::vector<std::string> allowedOrigins_;
};

}  // namespace caseboard::api
