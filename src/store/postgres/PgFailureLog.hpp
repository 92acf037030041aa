#pragma once

#include <memory>

#include "auth/FailureLog.hpp"
#include "store/postgres/PgPool.hpp"

namespace caseboard::store::postgres {

// Failed sign-ins in the login_failures table, so that every instance counts them together.
// Rows older than `retention` are removed as new failures come in.
class PgFailureLog final : public auth::FailureLog {
  public:
    explicit PgFailureLog(std::shared_ptr<PgPool> pool,
                          std::chrono::seconds retention = std::chrono::hours(1))
        : pool_(std::move(pool)), retention_(retention) {}

    void recordFailure(const std::string& email, const std::string& client,
                       Clock::time_point at) override;
    std::vector<Clock::time_point> recentFailures(const std::string& email,
                                                  const std::string& client,
                                                  Clock::time_point since) override;
    void clear(const std::string& email, const std::string& client) override;

  private:
    std::shared_ptr<PgPool> pool_;
    const std::chrono::seconds retention_;
};

}  // namespace caseboard::store::postgres
