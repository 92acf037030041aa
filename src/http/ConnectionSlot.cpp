#include "http/ConnectionSlot.hpp"

#include <utility>

#include "http/ConnectionLimits.hpp"

namespace caseboard::http {

ConnectionSlot::~ConnectionSlot() {
    if (limits_) limits_->release(client_);
}

ConnectionSlot::ConnectionSlot(ConnectionSlot&& other) noexcept
    : limits_(std::exchange(other.limits_, nullptr)), client_(std::move(other.client_)) {}

bool ConnectionSlot::attributeTo(const std::string& client) {
    if (!limits_ || client == client_) return true;
    if (!limits_->move(client_, client)) return false;
    client_ = client;
    return true;
}

}  // namespace caseboard::http
