#pragma once

#include <chrono>
#include <string>

#include "http/Beast.hpp"
#include "http/BodyFile.hpp"
#include "http/SharedBody.hpp"

namespace caseboard::http {

// A response's status line and headers, as they go on the wire (the body not included).
std::string headerBytes(bhttp::response<SharedBody>& response);

// Sends `head`, then the whole file from the kernel's pages (sendfile), waiting for room in the
// socket as needed but no longer than `timeout` in all. False if the connection failed or the
// time ran out; the connection is then unusable.
asio::awaitable<bool> sendHeadAndFile(tcp::socket& socket, std::string_view head,
                                      const BodyFile& file,
                                      std::chrono::steady_clock::duration timeout);

}  // namespace caseboard::http
