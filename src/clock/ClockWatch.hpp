#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "clock/WatchedCase.hpp"
#include "common/PeriodicThread.hpp"
#include "domain/CaseChange.hpp"
#include "store/Store.hpp"

namespace caseboard::clock {

// Tells every screen when a case's clock becomes due soon or breached while nobody writes it.
// Every instance runs one, over every case in memory (loaded on its thread, kept current from
// the changes it hears, reloaded after a resync); each tick asks the store to announce what
// time has moved. The store records each announcement in the database, so that of several
// instances, or of one before and after a restart, only one announces a state.
class ClockWatch final : public domain::ChangeListener {
  public:
    // staleLists: called whenever time moves any case's clock (before it is announced), for
    // whatever keeps lists that show clocks.
    ClockWatch(store::Store& store, std::function<void()> staleLists,
               std::chrono::milliseconds tick = std::chrono::seconds(1));

    void onCommitted(const domain::CaseChange& change) override;
    void onResync() override;

  private:
    struct Announcement {
        std::string caseId;
        std::int64_t version;
        domain::ClockState state;
    };

    void tick();
    void reload();
    // Under mutex_: whether any clock moved since the last tick, and what to announce now.
    bool anyChangedSince(domain::TimePoint from, domain::TimePoint now) const;
    std::vector<Announcement> announcements(domain::TimePoint now) const;
    // Takes mutex_: the tick's own announcement is done, whoever made it.
    void markAnnounced(const Announcement& announcement);
    // Under mutex_: an announcement heard from the store, and a case's newer state.
    void noteAnnouncement(const domain::CaseChange& announcement);
    void keep(const std::string& id, WatchedCase watched);

    store::Store& store_;
    std::function<void()> staleLists_;
    std::mutex mutex_;
    std::unordered_map<std::string, WatchedCase> cases_;
    bool reloadWanted_ = true;
    // While a reload reads the store: the cases changes touched meanwhile, which it must not
    // overwrite with what it read.
    bool reloading_ = false;
    std::unordered_set<std::string> touchedWhileReloading_;
    domain::TimePoint lastTick_;
    common::PeriodicThread thread_;  // last: it stops before what it uses goes
};

}  // namespace caseboard::clock
