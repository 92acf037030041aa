#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include "common/PeriodicThread.hpp"
#include "domain/AccessChange.hpp"
#include "store/sqlite/ReaderPool.hpp"

namespace caseboard::store::sqlite {

// Access changes that another process made to the same database file (the command line's
// `caseboard user disable` while the server runs), read from the access_changes log a few
// times a second and passed on, so that they cut off sessions here as quickly as the server's
// own. The server's own changes come back this way too: passing one on twice is harmless (a
// forgotten user is forgotten again, a closed socket stays closed).
class SqliteAccessFeed {
  public:
    using Deliver = std::function<void(const domain::AccessChange&)>;

    SqliteAccessFeed(ReaderPool& readers, Deliver deliver, std::chrono::milliseconds period);

  private:
    void poll();
    std::int64_t newestSeq();

    ReaderPool& readers_;
    Deliver deliver_;
    std::int64_t lastSeq_ = 0;
    common::PeriodicThread thread_;  // last: it stops before what it uses goes
};

}  // namespace caseboard::store::sqlite
