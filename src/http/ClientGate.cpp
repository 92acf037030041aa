#include "http/ClientGate.hpp"

namespace caseboard::http {

std::optional<ConnectionSlot> ClientGate::admit(const asio::ip::address& peer) {
    // A proxy's connection counts towards the total only until its request names the client
    // (HttpSession attributes it then): the proxy itself is not one client.
    std::string client = proxies_.isProxy(peer) ? std::string() : proxies_.clientAddress(peer, {});
    auto admission = connections_.admit(client);
    if (admission.slot || admission.refusal == ConnectionLimits::Refusal::ClientAtLimit) {
        return std::move(admission.slot);
    }
    if (!idle_.closeOldest()) return std::nullopt;
    return std::move(connections_.admit(client, kHeadroom).slot);
}

}  // namespace caseboard::http
