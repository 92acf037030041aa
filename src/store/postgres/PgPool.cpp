#include "store/postgres/PgPool.hpp"

#include "store/StoreErrors.hpp"

namespace caseboard::store::postgres {

using Clock = std::chrono::steady_clock;

PgPool::PgPool(std::string url, std::size_t size, std::chrono::milliseconds waitLimit)
    : url_(std::move(url)), size_(size == 0 ? 1 : size), waitLimit_(waitLimit) {}

PgPool::Lease PgPool::acquire() {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (!available_.wait_for(lock, waitLimit_,
                                 [this] { return !idle_.empty() || open_ < size_; })) {
            throw Unavailable("every database connection is busy");
        }
        if (!idle_.empty()) {
            auto connection = std::move(idle_.back());
            idle_.pop_back();
            lock.unlock();
            if (!connection->closedWhileIdle()) return Lease(*this, std::move(connection));
            connection.reset();  // the server restarted or dropped it: open another
            lock.lock();
            --open_;
            continue;
        }
        ++open_;
        lock.unlock();
        try {
            return Lease(*this, connect());
        } catch (...) {
            forgetOne();
            throw;
        }
    }
}

std::unique_ptr<PgConnection> PgPool::connect() {
    auto failedAt = Clock::time_point(Clock::duration(lastConnectFailure_.load()));
    if (failedAt != Clock::time_point() && Clock::now() - failedAt < kFailFast) {
        throw Unavailable("PostgreSQL is unreachable");
    }
    try {
        return std::make_unique<PgConnection>(url_);
    } catch (const Unavailable&) {
        lastConnectFailure_.store(Clock::now().time_since_epoch().count());
        throw;
    }
}

void PgPool::forgetOne() {
    {
        std::lock_guard lock(mutex_);
        --open_;
    }
    available_.notify_one();
}

void PgPool::giveBack(std::unique_ptr<PgConnection> connection) {
    if (connection && connection->usable() && !connection->outsideTransaction()) {
        // Left inside a transaction by an exception: roll it back before anyone else uses it.
        try {
            connection->exec("ROLLBACK");
        } catch (const std::exception&) {
            connection.reset();
        }
    }
    if (!connection || !connection->usable() || !connection->outsideTransaction()) {
        forgetOne();
        return;
    }
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(connection));
    }
    available_.notify_one();
}

}  // namespace caseboard::store::postgres
