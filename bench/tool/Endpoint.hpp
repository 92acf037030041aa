// The server's address from --host/--port (loopback only: the harness never targets anything else).
#pragma once

#include <boost/asio/ip/tcp.hpp>

#include <stdexcept>

#include "tool/Args.hpp"

namespace bench {

inline boost::asio::ip::tcp::endpoint serverEndpoint(const Args& args) {
    auto address = boost::asio::ip::make_address(args.text("host", "127.0.0.1"));
    if (!address.is_loopback()) throw std::invalid_argument("--host must be a loopback address");
    return {address, static_cast<unsigned short>(args.integer("port", 0))};
}

}  // namespace bench
