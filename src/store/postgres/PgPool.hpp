#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/PgConnection.hpp"

namespace caseboard::store::postgres {

// At most `size` connections shared by the worker threads, opened on demand. A connection that
// broke (or that the server closed while it was idle) is discarded and a new one opened on next
// use, so the pool heals by itself after the database restarts. While the database is down,
// acquire() fails fast with Unavailable instead of waiting for every connect to time out.
class PgPool {
  public:
    PgPool(std::string url, std::size_t size,
           std::chrono::milliseconds waitLimit = std::chrono::seconds(5));
    PgPool(const PgPool&) = delete;
    PgPool& operator=(const PgPool&) = delete;

    class Lease {
      public:
        Lease(PgPool& pool, std::unique_ptr<PgConnection> connection)
            : pool_(&pool), connection_(std::move(connection)) {}
        ~Lease() {
            if (connection_) pool_->giveBack(std::move(connection_));
        }
        Lease(Lease&& other) noexcept
            : pool_(other.pool_), connection_(std::move(other.connection_)) {}
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Lease& operator=(Lease&&) = delete;
        PgConnection* operator->() const { return connection_.get(); }
        PgConnection& operator*() const { return *connection_; }

      private:
        PgPool* pool_;
        std::unique_ptr<PgConnection> connection_;
    };

    // A connection for this thread alone; throws Unavailable if none can be had in time.
    Lease acquire();

    const std::string& url() const { return url_; }
    std::size_t size() const { return size_; }

  private:
    std::unique_ptr<PgConnection> connect();
    void giveBack(std::unique_ptr<PgConnection> connection);
    void forgetOne();

    // After a failed connect, further attempts within this window fail at once.
    static constexpr std::chrono::milliseconds kFailFast{500};

    const std::string url_;
    const std::size_t size_;
    const std::chrono::milliseconds waitLimit_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<PgConnection>> idle_;
    std::size_t open_ = 0;  // idle + leased + being opened
    std::atomic<std::chrono::steady_clock::rep> lastConnectFailure_{0};
};

}  // namespace caseboard::store::postgres
