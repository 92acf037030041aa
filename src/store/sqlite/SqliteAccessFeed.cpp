#include "store/sqlite/SqliteAccessFeed.hpp"

#include <vector>

namespace caseboard::store::sqlite {

SqliteAccessFeed::SqliteAccessFeed(ReaderPool& readers, Deliver deliver,
                                   std::chrono::milliseconds period)
    : readers_(readers),
      deliver_(std::move(deliver)),
      // What was logged before this server started concerns sessions it never had.
      lastSeq_(newestSeq()),
      thread_("access feed", period, [this] { poll(); }) {}

std::int64_t SqliteAccessFeed::newestSeq() {
    auto db = readers_.acquire();
    auto select = db->prepare("SELECT coalesce(max(seq), 0) FROM access_changes");
    select.step();
    return select.integer(0);
}

void SqliteAccessFeed::poll() {
    std::vector<domain::AccessChange> changes;
    {
        auto db = readers_.acquire();
        auto select = db->prepare(
            "SELECT seq, user_id, ended_session, all_sessions, kept_session, reading_ended"
            " FROM access_changes WHERE seq > ?1 ORDER BY seq");
        select.bind(1, lastSeq_);
        while (select.step()) {
            lastSeq_ = select.integer(0);
            changes.push_back({select.text(1), select.text(2), select.integer(3) != 0,
                               select.text(4), select.integer(5) != 0});
        }
    }
    for (const auto& change : changes) deliver_(change);
}

}  // namespace caseboard::store::sqlite
