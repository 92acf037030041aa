#include "http/SendFile.hpp"

#include <sys/sendfile.h>
#include <sys/socket.h>

#include <boost/asio/experimental/awaitable_operators.hpp>

#include <cerrno>

namespace caseboard::http {

namespace {

// How a non-blocking send went: all of it, some (wait for room, then go on), or failed.
enum class Sent { All, Some, Failed };

Sent sendHead(int fd, std::string_view head, std::size_t& done) {
    while (done < head.size()) {
        // MSG_MORE: the head waits for the body, so both leave in the same segments.
        ssize_t n = ::send(fd, head.data() + done, head.size() - done, MSG_MORE | MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno == EAGAIN ? Sent::Some : Sent::Failed;
        done += static_cast<std::size_t>(n);
    }
    return Sent::All;
}

Sent sendBody(int fd, const BodyFile& file, off_t& offset) {
    while (static_cast<std::size_t>(offset) < file.size()) {
        ssize_t n =
            ::sendfile(fd, file.fd(), &offset, file.size() - static_cast<std::size_t>(offset));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno == EAGAIN ? Sent::Some : Sent::Failed;
        if (n == 0) return Sent::Failed;  // the file is shorter than it said: never sealed so
    }
    return Sent::All;
}

}  // namespace

std::string headerBytes(bhttp::response<SharedBody>& response) {
    bhttp::serializer<false, SharedBody> serializer(response);
    serializer.split(true);
    std::string head;
    boost::system::error_code ec;
    while (!ec && !serializer.is_header_done()) {
        serializer.next(ec, [&](boost::system::error_code&, const auto& buffers) {
            for (auto buffer : beast::buffers_range_ref(buffers)) {
                head.append(static_cast<const char*>(buffer.data()), buffer.size());
            }
            serializer.consume(beast::buffer_bytes(buffers));
        });
    }
    return head;
}

asio::awaitable<bool> sendHeadAndFile(tcp::socket& socket, std::string_view head,
                                      const BodyFile& file,
                                      std::chrono::steady_clock::duration timeout) {
    using namespace asio::experimental::awaitable_operators;
    boost::system::error_code ec;
    socket.non_blocking(true, ec);
    if (ec) co_return false;
    asio::steady_timer deadline(socket.get_executor(), timeout);
    const int fd = socket.native_handle();
    std::size_t headSent = 0;
    off_t bodySent = 0;
    for (;;) {
        Sent sent = sendHead(fd, head, headSent);
        if (sent == Sent::All) sent = sendBody(fd, file, bodySent);
        if (sent != Sent::Some) co_return sent == Sent::All;
        // The socket is full: wait for room, or for the deadline (which cancels the wait).
        auto woken = co_await (socket.async_wait(tcp::socket::wait_write, kAwaitable) ||
                               deadline.async_wait(kAwaitable));
        if (woken.index() != 0) co_return false;  // the deadline came first
        auto [waitError] = std::get<0>(woken);
        if (waitError) co_return false;
    }
}

}  // namespace caseboard::http
