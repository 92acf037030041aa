#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

namespace caseboard::ldaptest {

// A TCP port on 127.0.0.1 that stands for a broken server. Listening: connections complete (in
// the kernel's backlog) but nothing is ever read or answered. Not listening: connections are
// refused. Either way the port stays reserved while this object lives.
class LoopbackSocket {
  public:
    explicit LoopbackSocket(bool listening)
        : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0 ||
            (listening && ::listen(fd_, 16) != 0)) {
            if (fd_ >= 0) ::close(fd_);
            throw std::runtime_error("cannot open a socket on 127.0.0.1");
        }
        port_ = ntohs(address.sin_port);
    }
    ~LoopbackSocket() { ::close(fd_); }
    LoopbackSocket(const LoopbackSocket&) = delete;
    LoopbackSocket& operator=(const LoopbackSocket&) = delete;

    std::string url(const std::string& scheme) const {
        return scheme + "://127.0.0.1:" + std::to_string(port_);
    }

  private:
    int fd_;
    unsigned short port_ = 0;
};

}  // namespace caseboard::ldaptest
