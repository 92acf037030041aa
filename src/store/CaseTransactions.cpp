#include "store/CaseTransactions.hpp"

#include <boost/json.hpp>

#include <array>

#include "domain/CaseCancellation.hpp"
#include "domain/CaseRevision.hpp"
#include "domain/Clock.hpp"
#include "store/SessionTransactions.hpp"
#include "store/StoreErrors.hpp"

namespace caseboard::store::transactions {

using domain::Actor;
using domain::Case;
using domain::ChangeKind;

namespace {

// Runs `build` with an arena on the stack, so that an entry's JSON is one block instead of a
// heap block per field.
template <typename Build>
void withArena(Build build) {
    std::array<unsigned char, 16384> buffer;
    boost::json::monotonic_resource arena(buffer.data(), buffer.size());
    build(boost::json::storage_ptr(&arena));
}

// The entry that records a case going from before to after, handed to `write` while its arena
// lives.
template <typename Write>
void withCaseEntry(const std::string& action, const Actor& actor, const std::string& caseId,
                   const std::optional<Case>& before, const std::optional<Case>& after,
                   Write write) {
    withArena([&](boost::json::storage_ptr arena) {
        write(domain::auditEntry(action, actor, caseId, domain::caseChanges(before, after, arena)));
    });
}

void auditCase(WriteTransaction& tx, const std::string& action, const Actor& actor,
               const std::string& caseId, const std::optional<Case>& before,
               const std::optional<Case>& after) {
    withCaseEntry(action, actor, caseId, before, after,
                  [&](const domain::AuditEntry& entry) { tx.insertAudit(entry); });
}

}  // namespace

Case createCase(WriteTransaction& tx, Case created, std::optional<std::int64_t> orderIndex,
                const Actor& actor) {
    created.orderIndex = orderIndex ? *orderIndex : tx.nextOrderIndex(created.section);
    created.createdAt = created.updatedAt = domain::nowTimestamp();
    domain::recordTheatreTime(created);
    requireSession(tx, created);
    withCaseEntry("create", actor, created.id, std::nullopt, created,
                  [&](const domain::AuditEntry& entry) { tx.insertNewCase(created, entry); });
    tx.caseChanged({ChangeKind::Create, created.id, created});
    bookingWritten(tx, std::nullopt, created);
    return created;
}

Case updateCase(WriteTransaction& tx, const std::string& id, const domain::CasePatch& patch,
                std::optional<std::int64_t> expectedVersion, const Actor& actor) {
    auto before = tx.caseForUpdate(id);
    if (!before) throw NotFound("case");
    requireVersion(before->version, expectedVersion);
    auto after = domain::patched(*before, patch);
    if (!after) return *before;
    if (after->sessionId != before->sessionId) requireSession(tx, *after);
    tx.storeCase(*after);
    auditCase(tx, "update", actor, id, before, after);
    tx.caseChanged({ChangeKind::Update, id, after});
    bookingWritten(tx, before, after);
    return *after;
}

// The entry goes first: it is filed with the case while the case still exists.
void deleteCase(WriteTransaction& tx, const std::string& id, const Actor& actor) {
    auto before = tx.caseForUpdate(id);
    if (!before) throw NotFound("case");
    auditCase(tx, "delete", actor, id, before, std::nullopt);
    tx.deleteCase(id);
    tx.caseChanged({ChangeKind::Delete, id, std::nullopt});
    bookingWritten(tx, before, std::nullopt);
}

std::vector<Case> moveCases(WriteTransaction& tx, const std::vector<domain::CaseMove>& moves,
                            const Actor& actor) {
    std::vector<std::string> ids;
    ids.reserve(moves.size());
    for (const auto& move : moves) ids.push_back(move.id);
    tx.lockCases(ids);
    std::vector<Case> moved;
    for (const auto& move : moves) {
        auto before = tx.caseForUpdate(move.id);
        if (!before) throw NotFound(move.id);
        auto after = domain::moved(*before, move);
        if (!after) {
            moved.push_back(*before);
            continue;
        }
        tx.storeCase(*after);
        auditCase(tx, "reorder", actor, after->id, before, after);
        tx.caseChanged({ChangeKind::Update, after->id, after});
        moved.push_back(*after);
    }
    return moved;
}

Case restoreCase(WriteTransaction& tx, const std::string& id, const Actor& actor) {
    tx.lockRestore(id);
    if (tx.caseForUpdate(id)) throw Conflict("the case exists");
    auto last = domain::lastDeletedState(tx.caseEntries(id));
    if (!last) throw NotFound("case");
    Case restored = domain::nextRevision(*last);
    // Its session may have been deleted since (it was free to be, with the case gone): the case
    // comes back unbooked rather than not at all.
    if (restored.sessionId && !tx.theatreSessionForUpdate(*restored.sessionId)) {
        restored.sessionId.reset();
    }
    withCaseEntry("restore", actor, id, std::nullopt, restored,
                  [&](const domain::AuditEntry& entry) { tx.reinsertCase(restored, entry); });
    tx.caseChanged({ChangeKind::Create, id, restored});
    bookingWritten(tx, std::nullopt, restored);
    return restored;
}

Case cancelCase(WriteTransaction& tx, const std::string& id,
                const domain::Cancellation& cancellation, const Actor& actor) {
    auto before = tx.caseForUpdate(id);
    if (!before) throw NotFound("case");
    if (before->archived) {
        throw Conflict("The case is archived; only a case on the board can be cancelled");
    }
    if (before->cancellations.size() >= domain::kMaxCancellations) {
        throw Conflict("The case has been cancelled " + std::to_string(domain::kMaxCancellations) +
                       " times; no more are kept");
    }
    Case after = domain::cancelled(*before, cancellation);
    tx.storeCase(after);
    withArena([&](boost::json::storage_ptr arena) {
        tx.insertAudit(
            domain::auditEntry("cancel", actor, id, domain::cancelChanges(*before, after, arena)));
    });
    tx.caseChanged({ChangeKind::Update, id, after});
    bookingWritten(tx, before, after);
    return after;
}

void recordAudit(WriteTransaction& tx, const domain::AuditEntry& entry) {
    tx.insertAudit(entry);
}

// The mark holds the version: a case written since its last announcement (whose own event
// carried its clock) may cross the same state again and be announced again.
std::optional<Case> announceClock(WriteTransaction& tx, const std::string& id, std::int64_t version,
                                  std::string_view clock) {
    auto current = tx.caseForUpdate(id);
    if (!current || current->version != version) return std::nullopt;
    const std::string mark = std::string(clock) + ":" + std::to_string(version);
    if (!tx.claimClock(id, mark)) return std::nullopt;
    tx.caseChanged({ChangeKind::Clock, id, current, std::string(clock)});
    return current;
}

}  // namespace caseboard::store::transactions
