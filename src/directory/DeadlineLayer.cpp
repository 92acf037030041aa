#include "directory/DeadlineLayer.hpp"

#include <poll.h>

#include <cerrno>

namespace caseboard::directory {

namespace {

using Clock = std::chrono::steady_clock;

// Between the TCP provider (10) and TLS (20): TLS handshake bytes pass through it.
constexpr int kLevel = LBER_SBIOD_LEVEL_PROVIDER + 1;

// Whether the socket became ready for `events` before the deadline.
bool readyInTime(Sockbuf_IO_Desc* layer, short events) {
    const auto deadline = *static_cast<const Clock::time_point*>(layer->sbiod_pvt);
    ber_socket_t fd = -1;
    ber_sockbuf_ctrl(layer->sbiod_sb, LBER_SB_OPT_GET_FD, &fd);
    for (;;) {
        const auto left =
            std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return false;
        pollfd watched{fd, events, 0};
        const int ready = ::poll(&watched, 1, static_cast<int>(left));
        if (ready > 0) return true;
        if (ready < 0 && errno != EINTR) return true;  // the read or write itself reports it
    }
}

int setup(Sockbuf_IO_Desc* layer, void* deadline) {
    layer->sbiod_pvt = deadline;
    return 0;
}

int control(Sockbuf_IO_Desc* layer, int option, void* argument) {
    return LBER_SBIOD_CTRL_NEXT(layer, option, argument);
}

ber_slen_t readBounded(Sockbuf_IO_Desc* layer, void* buffer, ber_len_t length) {
    if (!readyInTime(layer, POLLIN)) {
        errno = ETIMEDOUT;
        return -1;
    }
    return LBER_SBIOD_READ_NEXT(layer, buffer, length);
}

ber_slen_t writeBounded(Sockbuf_IO_Desc* layer, void* buffer, ber_len_t length) {
    if (!readyInTime(layer, POLLOUT)) {
        errno = ETIMEDOUT;
        return -1;
    }
    return LBER_SBIOD_WRITE_NEXT(layer, buffer, length);
}

Sockbuf_IO kDeadlineIo = {setup, nullptr, control, readBounded, writeBounded, nullptr};

}  // namespace

DeadlineLayer::DeadlineLayer(Clock::time_point deadline)
    : deadline_(deadline), callbacks_{onConnect, onClose, this} {}

bool DeadlineLayer::attachTo(LDAP* ld) {
    return ldap_set_option(ld, LDAP_OPT_CONNECT_CB, &callbacks_) == LDAP_OPT_SUCCESS;
}

int DeadlineLayer::onConnect(LDAP*, Sockbuf* socket, LDAPURLDesc*, sockaddr*,
                             ldap_conncb* callbacks) {
    auto* self = static_cast<DeadlineLayer*>(callbacks->lc_arg);
    return ber_sockbuf_add_io(socket, &kDeadlineIo, kLevel, &self->deadline_);
}

// Closing the socket buffer frees its layers.
void DeadlineLayer::onClose(LDAP*, Sockbuf*, ldap_conncb*) {}

}  // namespace caseboard::directory
