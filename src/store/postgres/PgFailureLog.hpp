#pragma once

#include <memory>

#include "auth/FailureLog.hpp"
#include "store/postgres/PgPool.hpp"

namespace caseboard::store::postgres {

// Failed sign-ins in the login_failures table, so that every instance counts them together.
// Rows older than `retention` (or the window, if longer) are removed as new failures come in.
class PgFailureLog final : public auth::FailureLog {
  public:
    explicit PgFailureLog(std::shared_ptr<PgPool> pool,
                          std::chrono::seconds retention = std::chrono::hours(1))
        : pool_(std::move(pool)), retention_(retention) {}

    std::optional<Clock::time_point> reserve(const std::string& email, const std::string& client,
                                             const auth::FailureLimits& limits,
                                             Clock::time_point at) override;
    void clear(const std::string& email, const std::string& client) override;

  private:
    std::shared_ptr<PgPool> pool_;
    const std::chrono::seconds retention_;
};

}  // namespace caseboard::store::postgres
