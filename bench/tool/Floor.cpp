// The fan-out floor: what this machine can physically do for the fan-out measure, the way nginx is
// the ceiling of the HTTP ones. No server, no WebSocket library, no JSON: one process holds N
// loopback TCP connections and, `rate` times a second for `duration` seconds, writes one frame of
// exactly the size of Caseboard's create event (a WebSocket text frame header and that many
// bytes) to each, from as many threads as the machine has cores (Caseboard's I/O threads); a
// second process reads them all with epoll on one thread (as the load tool does). Latency per
// delivery: from just before the first write of the event to the moment a read completes the
// frame. Any server that sends the event over TCP to each screen does at least this work, so
// Caseboard's figures cannot be better than these on the same machine.
//
// Two processes, not one, because 10,000 connections need 20,000 descriptors, often more than
// one process may open. The event's start time travels in the frame: both processes read the
// same monotonic clock.
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tool/Modes.hpp"
#include "tool/Percentiles.hpp"
#include "tool/Report.hpp"

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

struct FloorOptions {
    std::uint32_t clients = 1000;
    double rate = 20;
    double durationS = 10;
    std::size_t payloadBytes = 500;
    unsigned senders = 2;
    milliseconds drainIdle{5000};

    std::uint32_t events() const { return static_cast<std::uint32_t>(rate * durationS); }
    // A text frame from a server: no mask, a 2-byte or 8-byte extended length.
    std::size_t headerBytes() const {
        return payloadBytes < 126 ? 2 : payloadBytes < 65536 ? 4 : 10;
    }
    std::size_t frameBytes() const { return headerBytes() + payloadBytes; }
};

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string(what) + ": " + std::strerror(errno));
}

// The frame of event `seq`: header, then the sequence number and start time, then filler.
std::vector<char> frame(const FloorOptions& o, std::uint32_t seq, std::int64_t startNs) {
    std::vector<char> bytes(o.frameBytes(), 'x');
    bytes[0] = static_cast<char>(0x81);
    std::size_t at = 2;
    if (o.headerBytes() == 2) {
        bytes[1] = static_cast<char>(o.payloadBytes);
    } else if (o.headerBytes() == 4) {
        bytes[1] = 126;
        bytes[2] = static_cast<char>(o.payloadBytes >> 8);
        bytes[3] = static_cast<char>(o.payloadBytes & 0xff);
        at = 4;
    } else {
        bytes[1] = 127;
        for (int i = 0; i < 8; ++i)
            bytes[2 + i] = static_cast<char>(o.payloadBytes >> (56 - 8 * i));
        at = 10;
    }
    std::memcpy(&bytes[at], &seq, sizeof seq);
    std::memcpy(&bytes[at + sizeof seq], &startNs, sizeof startNs);
    return bytes;
}

// --- the reading process ----------------------------------------------------------------------

class Receiver {
  public:
    Receiver(const FloorOptions& o, sockaddr_in server) : o_(o), server_(server) {}

    int run() {
        connectAll();
        receive();
        reportResults();
        return 0;
    }

  private:
    void connectAll() {
        epoll_ = epoll_create1(0);
        check(epoll_ >= 0, "epoll_create1");
        fds_.reserve(o_.clients);
        for (std::uint32_t i = 0; i < o_.clients; ++i) {
            int fd = socket(AF_INET, SOCK_STREAM, 0);
            check(fd >= 0, "socket");
            check(connect(fd, reinterpret_cast<const sockaddr*>(&server_), sizeof server_) == 0,
                  "connect");
            check(fcntl(fd, F_SETFL, O_NONBLOCK) == 0, "fcntl");
            epoll_event event{};
            event.events = EPOLLIN;
            event.data.u32 = i;
            check(epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &event) == 0, "epoll_ctl");
            fds_.push_back(fd);
        }
        partial_.assign(o_.clients, {});
        perEvent_.assign(o_.events(), 0);
    }

    void receive() {
        const std::uint64_t expected = std::uint64_t{o_.clients} * o_.events();
        std::vector<epoll_event> ready(512);
        std::vector<char> buffer(64 * 1024);
        auto lastData = Clock::now();
        while (delivered_ < expected && Clock::now() - lastData < o_.drainIdle) {
            int n = epoll_wait(epoll_, ready.data(), static_cast<int>(ready.size()), 100);
            if (n < 0 && errno == EINTR) continue;
            check(n >= 0, "epoll_wait");
            for (int i = 0; i < n; ++i) {
                std::uint32_t index = ready[i].data.u32;
                ssize_t got = recv(fds_[index], buffer.data(), buffer.size(), 0);
                if (got <= 0) continue;
                lastData = Clock::now();
                consume(index, buffer.data(), static_cast<std::size_t>(got), nowNs());
            }
        }
    }

    // Frames may arrive split or several per read: complete ones are counted when whole.
    void consume(std::uint32_t index, const char* data, std::size_t size, std::int64_t atNs) {
        auto& pending = partial_[index];
        pending.insert(pending.end(), data, data + size);
        std::size_t offset = 0;
        while (pending.size() - offset >= o_.frameBytes()) {
            std::uint32_t seq = 0;
            std::int64_t startNs = 0;
            const char* payload = pending.data() + offset + o_.headerBytes();
            std::memcpy(&seq, payload, sizeof seq);
            std::memcpy(&startNs, payload + sizeof seq, sizeof startNs);
            record(seq, atNs - startNs);
            offset += o_.frameBytes();
        }
        pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(offset));
    }

    void record(std::uint32_t seq, std::int64_t latencyNs) {
        if (seq >= perEvent_.size()) {
            ++corrupt_;
            return;
        }
        auto us = static_cast<std::uint32_t>(std::max<std::int64_t>(0, latencyNs / 1000));
        samples_.push_back(us);
        ++delivered_;
        if (++perEvent_[seq] == o_.clients) everyClient_.push_back(us);
    }

    void reportResults() {
        const std::uint64_t expected = std::uint64_t{o_.clients} * o_.events();
        auto all = summarize(samples_);
        auto last = summarize(everyClient_);
        report("clients", o_.clients);
        report("frame_bytes", o_.frameBytes());
        report("events", o_.events());
        report("expected", expected);
        report("delivered", delivered_);
        report("lost", expected > delivered_ ? expected - delivered_ : 0);
        report("corrupt", corrupt_);
        reportLatency("latency", all);
        reportLatency("every_client", last);
    }

    const FloorOptions& o_;
    sockaddr_in server_;
    int epoll_ = -1;
    std::vector<int> fds_;
    std::vector<std::vector<char>> partial_;
    std::vector<std::uint32_t> perEvent_;
    std::vector<std::uint32_t> samples_;
    std::vector<std::uint32_t> everyClient_;
    std::uint64_t delivered_ = 0;
    std::uint64_t corrupt_ = 0;
};

// --- the writing process ----------------------------------------------------------------------

class Sender {
  public:
    Sender(const FloorOptions& o, int listener) : o_(o), listener_(listener) {}

    // False if the reading process went away before connecting everything.
    bool acceptAll(pid_t reader) {
        fds_.reserve(o_.clients);
        while (fds_.size() < o_.clients) {
            pollfd p{listener_, POLLIN, 0};
            if (poll(&p, 1, 1000) <= 0) {
                if (waitpid(reader, nullptr, WNOHANG) != 0) return false;
                continue;
            }
            int fd = accept(listener_, nullptr, nullptr);
            check(fd >= 0, "accept");
            int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            fds_.push_back(fd);
        }
        return true;
    }

    // Events at fixed times (open loop); each sender thread writes its share of the sockets.
    void send() {
        const auto interval = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(1.0 / o_.rate));
        std::vector<char> bytes;
        std::barrier start(static_cast<std::ptrdiff_t>(o_.senders) + 1);
        std::barrier done(static_cast<std::ptrdiff_t>(o_.senders) + 1);
        std::atomic<bool> finished{false};
        std::vector<std::thread> threads;
        for (unsigned t = 0; t < o_.senders; ++t) {
            threads.emplace_back([&, t] {
                for (;;) {
                    start.arrive_and_wait();
                    if (finished) return;
                    for (std::size_t i = t; i < fds_.size(); i += o_.senders)
                        writeAll(fds_[i], bytes);
                    done.arrive_and_wait();
                }
            });
        }
        auto next = Clock::now() + milliseconds(500);  // the reader settles into epoll_wait
        for (std::uint32_t seq = 0; seq < o_.events(); ++seq) {
            std::this_thread::sleep_until(next);
            next += interval;
            bytes = frame(o_, seq, nowNs());
            start.arrive_and_wait();
            done.arrive_and_wait();
        }
        finished = true;
        start.arrive_and_wait();
        for (auto& thread : threads) thread.join();
    }

    void closeAll() {
        for (int fd : fds_) close(fd);
    }

  private:
    static void writeAll(int fd, const std::vector<char>& bytes) {
        std::size_t offset = 0;
        while (offset < bytes.size()) {
            ssize_t n = ::send(fd, bytes.data() + offset, bytes.size() - offset, MSG_NOSIGNAL);
            if (n <= 0) return;  // the reader is gone: it reports what it received
            offset += static_cast<std::size_t>(n);
        }
    }

    const FloorOptions& o_;
    int listener_;
    std::vector<int> fds_;
};

int listenOnLoopback(sockaddr_in& address) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    check(fd >= 0, "socket");
    address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    check(bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0, "bind");
    check(listen(fd, 4096) == 0, "listen");
    socklen_t size = sizeof address;
    check(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0, "getsockname");
    return fd;
}

}  // namespace

int runFloor(const Args& args) {
    FloorOptions o;
    o.clients = static_cast<std::uint32_t>(args.integer("clients", 1000));
    o.rate = args.real("rate", 20);
    o.durationS = args.real("duration", 10);
    o.payloadBytes = static_cast<std::size_t>(args.integer("payload-bytes", 500));
    o.senders = static_cast<unsigned>(
        args.integer("senders", std::max(1u, std::thread::hardware_concurrency())));
    if (o.clients == 0 || o.rate <= 0 || o.durationS <= 0 || o.events() == 0 ||
        o.payloadBytes < 12 || o.senders == 0) {
        throw std::invalid_argument(
            "--clients, --rate, --duration, --senders must be > 0; --payload-bytes ≥ 12");
    }
    sockaddr_in address{};
    int listener = listenOnLoopback(address);
    std::cout.flush();
    pid_t reader = fork();
    check(reader >= 0, "fork");
    if (reader == 0) {
        close(listener);
        int code = 2;
        try {
            code = Receiver(o, address).run();
        } catch (const std::exception& e) {
            std::cerr << "wsfanout floor (reader): " << e.what() << '\n';
        }
        std::cout.flush();
        _exit(code);
    }
    Sender sender(o, listener);
    bool connected = sender.acceptAll(reader);
    if (connected) sender.send();
    report("senders", o.senders);
    std::cout.flush();
    int status = 0;
    waitpid(reader, &status, 0);  // the reader stops by itself: all received, or idle for 5 s
    sender.closeAll();
    close(listener);
    return connected && WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}

}  // namespace bench
