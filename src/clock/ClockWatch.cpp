#include "clock/ClockWatch.hpp"

#include "domain/CaseFilter.hpp"

namespace caseboard::clock {

using domain::CaseChange;
using domain::ChangeKind;
using domain::ClockState;
using domain::TimePoint;

namespace {

std::optional<ClockState> announcedState(const std::string& name) {
    for (auto state : {ClockState::DueSoon, ClockState::Breached}) {
        if (domain::clockName(state) == name) return state;
    }
    return std::nullopt;
}

// Every case, archived or not: lists of either show clocks.
std::vector<domain::Case> everyCase(store::Store& store) {
    domain::CaseFilter filter;
    auto cases = store.listCases(filter);
    filter.archived = true;
    auto archived = store.listCases(filter);
    cases.insert(cases.end(), std::make_move_iterator(archived.begin()),
                 std::make_move_iterator(archived.end()));
    return cases;
}

}  // namespace

ClockWatch::ClockWatch(store::Store& store, std::function<void()> staleLists,
                       std::chrono::milliseconds tick)
    : store_(store),
      staleLists_(std::move(staleLists)),
      lastTick_(std::chrono::system_clock::now()),
      thread_("clock watch", tick, [this] { this->tick(); }) {}

void ClockWatch::onCommitted(const CaseChange& change) {
    // Worked out before the lock: the store's writer waits for this.
    std::optional<WatchedCase> watched;
    if (change.after && change.kind != ChangeKind::Clock && change.kind != ChangeKind::Delete) {
        watched = WatchedCase::of(*change.after, domain::activeTargets());
    }
    std::lock_guard lock(mutex_);
    if (change.kind == ChangeKind::Clock) {
        noteAnnouncement(change);
        return;
    }
    if (reloading_) touchedWhileReloading_.insert(change.caseId);
    if (change.kind == ChangeKind::Delete) {
        cases_.erase(change.caseId);
        return;
    }
    if (watched) keep(change.caseId, std::move(*watched));
    // Without the case it was deleted since (PostgreSQL): its delete follows.
}

void ClockWatch::noteAnnouncement(const CaseChange& announcement) {
    auto found = cases_.find(announcement.caseId);
    if (found == cases_.end() || !announcement.after) return;
    if (found->second.version == announcement.after->version) {
        found->second.announced = announcedState(announcement.clock);
    }
}

// An older version of the case (a late event) changes nothing.
void ClockWatch::keep(const std::string& id, WatchedCase watched) {
    auto [slot, added] = cases_.try_emplace(id, watched);
    if (added || slot->second.version > watched.version) return;
    if (slot->second.version == watched.version) watched.announced = slot->second.announced;
    slot->second = std::move(watched);
}

void ClockWatch::onResync() {
    std::lock_guard lock(mutex_);
    reloadWanted_ = true;
}

void ClockWatch::tick() {
    bool reloadWanted;
    {
        std::lock_guard lock(mutex_);
        reloadWanted = reloadWanted_;
    }
    if (reloadWanted) reload();
    const auto now = std::chrono::system_clock::now();
    bool changed;
    std::vector<Announcement> due;
    {
        std::lock_guard lock(mutex_);
        changed = anyChangedSince(lastTick_, now);
        due = announcements(now);
        lastTick_ = now;
    }
    // Before the announcement: a screen that refetches on it must not be served the old list.
    if (changed && staleLists_) staleLists_();
    // Outside mutex_: the store tells this listener of its announcement before it returns.
    for (const auto& announcement : due) {
        store_.announceClock(announcement.caseId, announcement.version,
                             domain::clockName(announcement.state));
        // Whoever announced it (this call, another instance, an earlier run), it is done.
        markAnnounced(announcement);
    }
}

void ClockWatch::reload() {
    {
        std::lock_guard lock(mutex_);
        reloadWanted_ = false;
        reloading_ = true;
        touchedWhileReloading_.clear();
    }
    std::vector<domain::Case> cases;
    try {
        cases = everyCase(store_);
    } catch (...) {
        std::lock_guard lock(mutex_);
        reloading_ = false;
        reloadWanted_ = true;
        throw;
    }
    const auto& targets = domain::activeTargets();
    std::unordered_map<std::string, WatchedCase> fresh;
    fresh.reserve(cases.size());
    for (const auto& c : cases) fresh.emplace(c.id, WatchedCase::of(c, targets));
    std::lock_guard lock(mutex_);
    for (const auto& id : touchedWhileReloading_) {
        auto heard = cases_.find(id);
        if (heard == cases_.end()) {
            fresh.erase(id);  // deleted after it was read
        } else if (auto read = fresh.find(id);
                   read == fresh.end() || read->second.version <= heard->second.version) {
            fresh.insert_or_assign(id, heard->second);
        }
    }
    // What was announced at a version still current stays announced.
    for (auto& [id, watched] : fresh) {
        auto known = cases_.find(id);
        if (known != cases_.end() && known->second.version == watched.version) {
            watched.announced = known->second.announced;
        }
    }
    cases_ = std::move(fresh);
    reloading_ = false;
    touchedWhileReloading_.clear();
}

bool ClockWatch::anyChangedSince(TimePoint from, TimePoint now) const {
    for (const auto& [id, watched] : cases_) {
        if (watched.changesBetween(from, now)) return true;
    }
    return false;
}

std::vector<ClockWatch::Announcement> ClockWatch::announcements(TimePoint now) const {
    std::vector<Announcement> due;
    for (const auto& [id, watched] : cases_) {
        if (auto state = watched.toAnnounce(now)) due.push_back({id, watched.version, *state});
    }
    return due;
}

void ClockWatch::markAnnounced(const Announcement& announcement) {
    std::lock_guard lock(mutex_);
    auto found = cases_.find(announcement.caseId);
    if (found != cases_.end() && found->second.version == announcement.version) {
        found->second.announced = announcement.state;
    }
}

}  // namespace caseboard::clock
