#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "TempDir.hpp"
#include "clock/ClockWatch.hpp"
#include "clock/WatchedCase.hpp"
#include "common/CaseDrafts.hpp"
#include "common/RecordingListener.hpp"
#include "domain/ChangeFanout.hpp"
#include "store/sqlite/SqliteConnection.hpp"
#include "store/sqlite/SqliteStore.hpp"

using namespace caseboard;
using domain::ChangeKind;
using domain::ClockState;
using domain::TimePoint;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

const domain::Actor kActor{"user-1", "sam@example.org"};

// A hip fracture (36 h from admission) admitted so that it breaches `breachesIn` from now.
domain::CaseDraft hipFractureBreachingIn(std::chrono::system_clock::duration breachesIn) {
    auto d = storetest::draft("Hip");
    d.pathway = "hip_fracture";
    d.admittedAt =
        domain::formatTimestamp(std::chrono::system_clock::now() - hours(36) + breachesIn);
    return d;
}

// The case's kept state: a hip fracture admitted at 08:00 on 1 March, last written at `written`.
clock::WatchedCase watched(std::string_view written) {
    domain::Case c;
    c.pathway = "hip_fracture";
    c.admittedAt = "2026-03-01T08:00:00Z";
    c.updatedAt = std::string(written);
    c.version = 3;
    return clock::WatchedCase::of(c, domain::Targets::defaults());
}

TimePoint at(std::string_view text) {
    return domain::parseTimestamp(text).value();
}

std::vector<domain::CaseChange> clockChanges(storetest::RecordingListener& listener) {
    std::vector<domain::CaseChange> found;
    for (const auto& change : listener.snapshot()) {
        if (change.kind == ChangeKind::Clock) found.push_back(change);
    }
    return found;
}

// Waits (bounded) until the listener heard `count` clock changes.
bool waitForClockChanges(storetest::RecordingListener& listener, std::size_t count,
                         milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (clockChanges(listener).size() < count) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(milliseconds(5));
    }
    return true;
}

class SqliteClockTest : public ::testing::Test {
  protected:
    SqliteClockTest() : store(dir.file("cases.db")) { store.setChangeListener(&listener); }

    std::optional<std::string> announcedMark(const std::string& id) {
        store::sqlite::Connection db(dir.file("cases.db"), true);
        auto select = db.prepare("SELECT clock_announced FROM cases WHERE id = ?1");
        select.bind(1, id);
        if (!select.step()) return std::nullopt;
        return select.optionalText(0);
    }

    TempDir dir;
    store::sqlite::SqliteStore store;
    storetest::RecordingListener listener;
};

}  // namespace

TEST(WatchedCase, AnnouncesWhatTimeAloneReached) {
    // Last written on day 1: due soon from 11:00 on day 2, breached past 20:00.
    auto c = watched("2026-03-01T09:00:00Z");
    EXPECT_EQ(c.toAnnounce(at("2026-03-02T10:59:59Z")), std::nullopt);
    EXPECT_EQ(c.toAnnounce(at("2026-03-02T11:00:00Z")), ClockState::DueSoon);
    EXPECT_EQ(c.toAnnounce(at("2026-03-02T20:00:00Z")), ClockState::DueSoon);
    EXPECT_EQ(c.toAnnounce(at("2026-03-02T20:00:01Z")), ClockState::Breached);
}

TEST(WatchedCase, LeavesToAWriteWhatItsEventCarried) {
    // Written while due soon: its own event said so; only the breach is time's.
    auto c = watched("2026-03-02T12:00:00Z");
    EXPECT_EQ(c.toAnnounce(at("2026-03-02T19:00:00Z")), std::nullopt);
    EXPECT_EQ(c.toAnnounce(at("2026-03-02T21:00:00Z")), ClockState::Breached);
    // Written once breached: nothing is time's.
    EXPECT_EQ(watched("2026-03-02T20:30:00Z").toAnnounce(at("2026-03-03T08:00:00Z")), std::nullopt);
}

TEST(WatchedCase, AnnouncesEachStateOnce) {
    auto c = watched("2026-03-01T09:00:00Z");
    c.announced = ClockState::DueSoon;
    EXPECT_EQ(c.toAnnounce(at("2026-03-02T12:00:00Z")), std::nullopt);
    EXPECT_EQ(c.toAnnounce(at("2026-03-02T21:00:00Z")), ClockState::Breached);
    c.announced = ClockState::Breached;
    EXPECT_EQ(c.toAnnounce(at("2026-03-02T21:00:00Z")), std::nullopt);
}

TEST(WatchedCase, AnnouncesNothingForArchivedCasesButTheirListsGoStale) {
    auto c = watched("2026-03-01T09:00:00Z");
    c.archived = true;
    EXPECT_EQ(c.toAnnounce(at("2026-03-02T21:00:00Z")), std::nullopt);
    EXPECT_TRUE(c.changesBetween(at("2026-03-02T20:00:00Z"), at("2026-03-02T20:00:01Z")));
}

TEST(WatchedCase, ChangesAtItsTwoTransitionsOnly) {
    auto c = watched("2026-03-01T09:00:00Z");
    EXPECT_TRUE(c.changesBetween(at("2026-03-02T10:59:59Z"), at("2026-03-02T11:00:00Z")));
    EXPECT_FALSE(c.changesBetween(at("2026-03-02T11:00:00Z"), at("2026-03-02T19:59:59Z")));
    EXPECT_TRUE(c.changesBetween(at("2026-03-02T19:59:59Z"), at("2026-03-02T20:00:01Z")));
    EXPECT_FALSE(c.changesBetween(at("2026-03-02T20:00:01Z"), at("2026-03-05T00:00:00Z")));
}

TEST(WatchedCase, NothingToWatchWithoutADeadline) {
    domain::Case c;
    c.updatedAt = "2026-03-01T09:00:00Z";
    auto none = clock::WatchedCase::of(c, domain::Targets::defaults());
    EXPECT_FALSE(none.transitions);
    EXPECT_EQ(none.toAnnounce(at("2030-01-01T00:00:00Z")), std::nullopt);
}

TEST_F(SqliteClockTest, AnnouncesAClockOnceWithoutWritingTheCase) {
    auto c = store.createCase(hipFractureBreachingIn(-seconds(1)), kActor);
    auto first = store.announceClock(c.id, c.version, "breached");
    ASSERT_TRUE(first);
    EXPECT_EQ(first->version, c.version);
    EXPECT_EQ(first->updatedAt, c.updatedAt);
    EXPECT_FALSE(store.announceClock(c.id, c.version, "breached"));  // claimed already
    auto changes = clockChanges(listener);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].caseId, c.id);
    EXPECT_EQ(changes[0].clock, "breached");
    ASSERT_TRUE(changes[0].after);
    EXPECT_EQ(changes[0].after->version, c.version);
    EXPECT_EQ(announcedMark(c.id), "breached:" + std::to_string(c.version));
    // Nobody wrote it: no entry beyond its creation, no new version.
    EXPECT_EQ(store.caseHistory(c.id).size(), 1u);
    EXPECT_EQ(store.findCase(c.id)->version, c.version);
    EXPECT_EQ(store.findCase(c.id)->updatedAt, c.updatedAt);
}

TEST_F(SqliteClockTest, AnnouncesNothingForACaseWrittenSinceOrGone) {
    auto c = store.createCase(hipFractureBreachingIn(-seconds(1)), kActor);
    EXPECT_FALSE(store.announceClock(c.id, c.version + 1, "breached"));
    EXPECT_FALSE(store.announceClock("00000000-0000-4000-8000-000000000000", 1, "breached"));
    store.deleteCase(c.id, kActor);
    EXPECT_FALSE(store.announceClock(c.id, c.version, "breached"));
    EXPECT_TRUE(clockChanges(listener).empty());
}

TEST_F(SqliteClockTest, AnnouncesEachStateAndEachVersionOnce) {
    auto c = store.createCase(hipFractureBreachingIn(hours(1)), kActor);
    EXPECT_TRUE(store.announceClock(c.id, c.version, "due_soon"));
    EXPECT_TRUE(store.announceClock(c.id, c.version, "breached"));
    auto written = store.updateCase(c.id, domain::CasePatch().set(&domain::Case::notes, "x"),
                                    std::nullopt, kActor);
    EXPECT_TRUE(store.announceClock(c.id, written.version, "breached"));
    EXPECT_FALSE(store.announceClock(c.id, written.version, "breached"));
    EXPECT_EQ(clockChanges(listener).size(), 3u);
}

TEST_F(SqliteClockTest, AWatchAnnouncesABreachOnceAndNotAgainAfterARestart) {
    storetest::RecordingListener screens;
    const milliseconds tick(20);
    auto c = store.createCase(hipFractureBreachingIn(milliseconds(300)), kActor);
    {
        clock::ClockWatch watch(store, nullptr, tick);
        domain::ChangeFanout fanout({&watch, &screens});
        store.setChangeListener(&fanout);
        ASSERT_TRUE(waitForClockChanges(screens, 1, seconds(5)));
        std::this_thread::sleep_for(milliseconds(300));  // many more ticks
        store.setChangeListener(nullptr);
    }
    auto changes = clockChanges(screens);
    ASSERT_EQ(changes.size(), 1u);  // due soon was the creation's own, not time's
    EXPECT_EQ(changes[0].caseId, c.id);
    EXPECT_EQ(changes[0].clock, "breached");
    // A new watch (a restart) finds it announced in the database.
    storetest::RecordingListener later;
    {
        clock::ClockWatch watch(store, nullptr, tick);
        domain::ChangeFanout fanout({&watch, &later});
        store.setChangeListener(&fanout);
        std::this_thread::sleep_for(milliseconds(300));
        store.setChangeListener(nullptr);
    }
    EXPECT_TRUE(clockChanges(later).empty());
}

TEST_F(SqliteClockTest, AWatchEmptiesListsWhenAClockMovesBeforeAnnouncingIt) {
    std::atomic<int> emptied{0};
    std::atomic<int> emptiedBeforeAnnouncement{-1};
    struct Screens final : domain::ChangeListener {
        std::atomic<int>& emptied;
        std::atomic<int>& seen;
        Screens(std::atomic<int>& e, std::atomic<int>& s) : emptied(e), seen(s) {}
        void onCommitted(const domain::CaseChange& change) override {
            if (change.kind == ChangeKind::Clock) seen = emptied.load();
        }
    } screens(emptied, emptiedBeforeAnnouncement);
    store.createCase(hipFractureBreachingIn(milliseconds(200)), kActor);
    clock::ClockWatch watch(
        store, [&] { ++emptied; }, milliseconds(20));
    domain::ChangeFanout fanout({&watch, &screens});
    store.setChangeListener(&fanout);
    auto deadline = std::chrono::steady_clock::now() + seconds(5);
    while (emptiedBeforeAnnouncement < 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(milliseconds(5));
    }
    store.setChangeListener(nullptr);
    EXPECT_GE(emptiedBeforeAnnouncement.load(), 1);
}
