#include "store/postgres/PgListener.hpp"

#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "store/StoreErrors.hpp"
#include "store/postgres/PgAccessEvent.hpp"
#include "store/postgres/PgEvent.hpp"
#include "store/postgres/PgMessage.hpp"

namespace caseboard::store::postgres {

using Clock = std::chrono::steady_clock;

PgListener::PgListener(std::string url, Hooks hooks)
    : url_(std::move(url)), hooks_(std::move(hooks)) {
    wakeFd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wakeFd_ < 0) throw std::runtime_error("eventfd: " + std::string(std::strerror(errno)));
}

PgListener::~PgListener() {
    stopping_ = true;
    std::uint64_t one = 1;
    [[maybe_unused]] auto written = ::write(wakeFd_, &one, sizeof one);
    if (thread_.joinable()) thread_.join();
    ::close(wakeFd_);
}

std::unique_ptr<PgConnection> PgListener::open() {
    auto connection = std::make_unique<PgConnection>(url_);
    for (const char* channel : {kEventChannel, kMessageChannel, kAccessChannel}) {
        connection->exec((std::string("LISTEN ") + channel).c_str());
    }
    return connection;
}

void PgListener::start() {
    auto connection = open();
    setConnected(true);
    thread_ =
        std::thread([this, first = std::move(connection)]() mutable { run(std::move(first)); });
}

void PgListener::setConnected(bool up) {
    connected_ = up;
    if (hooks_.state) hooks_.state(up);
}

void PgListener::run(std::unique_ptr<PgConnection> connection) {
    auto retry = kFirstRetry;
    bool reported = false;
    while (!stopping_) {
        if (!connection) {
            try {
                connection = open();
            } catch (const std::exception& e) {
                if (!reported) spdlog::warn("event feed: cannot reconnect yet: {}", e.what());
                reported = true;
                if (!pause(retry)) return;
                retry = std::min(retry * 2, kLastRetry);
                continue;
            }
            retry = kFirstRetry;
            reported = false;
            setConnected(true);
            spdlog::info("event feed: reconnected to PostgreSQL; asking every screen to resync");
            if (hooks_.resync) hooks_.resync();
        }
        try {
            follow(*connection);
        } catch (const std::exception& e) {
            spdlog::warn("event feed: connection lost: {}", e.what());
        }
        if (stopping_) return;
        connection.reset();
        setConnected(false);
    }
}

void PgListener::follow(PgConnection& connection) {
    PGconn* conn = connection.handle();
    auto lastHeard = Clock::now();
    while (!stopping_) {
        // Notifications may already be queued (read along with a query's results): take them
        // before waiting on the socket.
        std::vector<Notification> notifications;
        while (PGnotify* notify = PQnotifies(conn)) {
            notifications.push_back({notify->relname, notify->extra});
            PQfreemem(notify);
        }
        if (!notifications.empty()) {
            hooks_.deliver(connection, notifications);
            lastHeard = Clock::now();
            continue;
        }
        pollfd fds[2] = {{PQsocket(conn), POLLIN, 0}, {wakeFd_, POLLIN, 0}};
        int ready = ::poll(fds, 2, 1000);
        if (ready < 0) {
            if (errno == EINTR) continue;
            throw Unavailable("poll: " + std::string(std::strerror(errno)));
        }
        if (fds[1].revents != 0) return;
        if (fds[0].revents != 0) {
            if (PQconsumeInput(conn) == 0) {
                throw Unavailable(oneLine(PQerrorMessage(conn)));
            }
            lastHeard = Clock::now();
        } else if (Clock::now() - lastHeard > kProbeEvery) {
            connection.exec("SELECT 1");
            lastHeard = Clock::now();
        }
        if (!connection.usable()) throw Unavailable("the connection closed");
    }
}

bool PgListener::pause(std::chrono::milliseconds duration) {
    pollfd wake{wakeFd_, POLLIN, 0};
    ::poll(&wake, 1, static_cast<int>(duration.count()));
    return !stopping_;
}

}  // namespace caseboard::store::postgres
