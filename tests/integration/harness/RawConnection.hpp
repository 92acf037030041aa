#pragma once

#include <chrono>
#include <string>

namespace caseboard::it {

// A plain TCP connection to the server from a chosen loopback address (127.0.0.2 is another
// client than 127.0.0.1 to the server), for holding connections open and writing requests as
// they are. Every wait is bounded.
class RawConnection {
  public:
    RawConnection(unsigned short port, const std::string& fromAddress = "127.0.0.1",
                  int receiveBufferBytes = 0);
    ~RawConnection();
    RawConnection(RawConnection&& other) noexcept;
    RawConnection& operator=(RawConnection&&) = delete;
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // Whether the TCP connection was established (the kernel accepts before the server does).
    bool connected() const { return fd_ >= 0; }
    bool send(const std::string& bytes);
    // One response: its status line and headers, and a Content-Length body ("" if none came).
    std::string readResponse(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // True once the server has ended the connection (within the timeout), nothing read.
    bool endedWithin(std::chrono::milliseconds timeout);

  private:
    int fd_ = -1;
    std::string buffered_;
};

// "HTTP/1.1 200 OK\r\n..." → 200; 0 if it is not a response.
int statusOf(const std::string& response);
// The request bytes of a keep-alive GET with these extra header lines ("Name: value\r\n" each).
std::string getRequest(const std::string& target, const std::string& host,
                       const std::string& extraHeaders = "");

}  // namespace caseboard::it
