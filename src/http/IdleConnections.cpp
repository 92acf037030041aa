#include "http/IdleConnections.hpp"

namespace caseboard::http {

void IdleConnections::add(const void* connection, IdleSince& idleSince, Closer close) {
    std::lock_guard lock(mutex_);
    connections_.emplace(connection, Entry{&idleSince, std::move(close)});
}

void IdleConnections::remove(const void* connection) {
    std::lock_guard lock(mutex_);
    connections_.erase(connection);
}

bool IdleConnections::closeOldest() {
    Closer close;
    {
        std::lock_guard lock(mutex_);
        // Marked kEvicting, so that the next new connection picks another one. A connection
        // whose request came in meanwhile is busy now: looked through again (a few times).
        for (int attempt = 0; attempt < 4 && !close; ++attempt) {
            const Entry* oldest = nullptr;
            std::int64_t oldestSince = 0;
            for (const auto& [connection, entry] : connections_) {
                const std::int64_t since = entry.idleSince->load(std::memory_order_relaxed);
                if (since > kBusy && (!oldest || since < oldestSince)) {
                    oldest = &entry;
                    oldestSince = since;
                }
            }
            if (!oldest) return false;
            if (oldest->idleSince->compare_exchange_strong(oldestSince, kEvicting)) {
                close = oldest->close;
            }
        }
    }
    if (!close) return false;
    close();
    return true;
}

}  // namespace caseboard::http
