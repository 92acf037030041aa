#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Audit.hpp"
#include "domain/Cancellation.hpp"
#include "domain/CancellationCounts.hpp"
#include "domain/Case.hpp"
#include "domain/CaseChange.hpp"
#include "domain/CaseFilter.hpp"
#include "domain/ReportPeriod.hpp"
#include "domain/Role.hpp"
#include "domain/SessionInput.hpp"
#include "domain/SessionPatch.hpp"
#include "domain/TheatreSession.hpp"
#include "domain/User.hpp"

namespace caseboard::store {

// How a write that does not block reports: once, on whatever thread finished it, with the result
// or with the exception (of StoreErrors.hpp) the blocking form would have thrown.
template <typename T>
using Completion = std::function<void(T result, std::exception_ptr error)>;

// Where users and cases live. Every method blocks until the database answers, so callers run
// it on a worker thread, never on an I/O thread. A write returns only once it is durable, and
// the change listener hears of it (in commit order, exactly once) before the write returns.
// (PostgreSQL: changes reach the listener through LISTEN/NOTIFY; a write waits at most about a
// second for its own event, so while the feed is down or slow the event may come after the
// write returns — or be replaced by onResync() when the feed reconnects.)
// Failures are the exceptions of store/StoreErrors.hpp.
class Store {
  public:
    virtual ~Store() = default;

    virtual void setChangeListener(domain::ChangeListener* listener) = 0;

    // A new account; Conflict if its e-mail is taken. creator: who made it (an admin, the
    // command line), recorded as user_create; none for someone registering themselves.
    virtual domain::User createUser(const domain::NewUser& user,
                                    const std::optional<domain::Actor>& creator) = 0;
    // Self-registration under the seed's rule: the first user of an empty database is an admin,
    // later ones editors.
    domain::User createUser(const std::string& email, const std::string& passwordHash) {
        return createUser(domain::NewUser{email, passwordHash, std::nullopt}, std::nullopt);
    }
    // A directory sign-in: the account of that e-mail made (active, no password) or given the
    // role the directory now says. Conflict if the e-mail belongs to an account of another source
    // (a local break-glass account is never taken over by a directory).
    virtual domain::User syncDirectoryUser(const std::string& email, domain::UserSource source,
                                           domain::Role role) = 0;
    virtual std::optional<domain::User> findUserByEmail(const std::string& email) = 0;
    virtual std::optional<domain::User> findUserById(const std::string& id) = 0;
    // Every user, oldest first.
    virtual std::vector<domain::User> allUsers() = 0;
    // Recorded as role_change by actor. NotFound for an unknown user; Conflict when it would
    // leave no active admin. A user made pending can no longer read: an access change.
    virtual domain::User setUserRole(const std::string& userId, domain::Role role,
                                     const domain::Actor& actor) = 0;
    // Deactivates (every session ends) or reactivates a user, recorded as user_deactivate or
    // user_activate. NotFound; Conflict when it would leave no active admin.
    virtual domain::User setUserActive(const std::string& userId, bool active,
                                       const domain::Actor& actor) = 0;
    // Recorded as password_change; every session of the user but keptSession ends.
    virtual void setPassword(const std::string& userId, const std::string& passwordHash,
                             const std::string& keptSession, const domain::Actor& actor) = 0;

    // A sign-in: opens a session and records it as login with its method; returns its id.
    virtual std::string openSession(const domain::SessionStart& start,
                                    const domain::Actor& actor) = 0;
    // The user of a live session as they are now; nothing if the session ended or never was, or
    // its user is deactivated or gone.
    virtual std::optional<domain::User> sessionUser(const std::string& sessionId) = 0;
    // A sign-out, recorded as logout; nothing happens to a session that had ended already.
    virtual void endSession(const std::string& sessionId, const domain::Actor& actor) = 0;

    virtual std::vector<domain::Case> listCases(const domain::CaseFilter& filter) = 0;
    virtual std::optional<domain::Case> findCase(const std::string& id) = 0;
    // Every change to a case is recorded in the audit trail, in the same transaction, as done
    // by actor: a change without its entry (or an entry without its change) cannot exist.
    virtual domain::Case createCase(const domain::CaseDraft& draft, const domain::Actor& actor) = 0;
    // expectedVersion: the client's If-Match; a different current version is a PreconditionFailed.
    // A patch that changes nothing returns the case as it is and commits nothing.
    virtual domain::Case updateCase(const std::string& id, const domain::CasePatch& patch,
                                    std::optional<std::int64_t> expectedVersion,
                                    const domain::Actor& actor) = 0;
    // The same two writes without blocking the caller, for a handler on an event loop: they
    // return at once, and done runs (on the store's own thread) once the write is durable and
    // the listener has heard of it.
    virtual void createCaseThen(const domain::CaseDraft& draft, const domain::Actor& actor,
                                Completion<domain::Case> done) = 0;
    virtual void updateCaseThen(const std::string& id, const domain::CasePatch& patch,
                                std::optional<std::int64_t> expectedVersion,
                                const domain::Actor& actor, Completion<domain::Case> done) = 0;
    virtual void deleteCase(const std::string& id, const domain::Actor& actor) = 0;
    // All moves in one transaction: either every case moves or none (NotFound names the first
    // unknown id). Returns the moved cases as they now are. Recorded as reorder.
    virtual std::vector<domain::Case> moveCases(const std::vector<domain::CaseMove>& moves,
                                                const domain::Actor& actor) = 0;
    // A deleted case back from its last recorded state, with its id and created_at, one version
    // past its last. NotFound if it never existed, Conflict if it exists.
    virtual domain::Case restoreCase(const std::string& id, const domain::Actor& actor) = 0;

    // Takes the case off its theatre list (domain::cancelled), recorded as cancel. NotFound;
    // Conflict for an archived case.
    virtual domain::Case cancelCase(const std::string& id, const domain::Cancellation& cancellation,
                                    const domain::Actor& actor) = 0;

    // The reports read only what they count, through an index, so that a month of a large
    // board answers at once.
    // Every case (archived too) that reached theatre within the period, holding only what the
    // time-to-theatre report reads: pathway, priority, admitted_at, decision_at, created_at, and
    // theatre_times with in_theatre alone.
    virtual std::vector<domain::Case> theatreArrivals(const domain::ReportPeriod& period) = 0;
    // How many cancellations made within the period gave each reason (reasons none gave absent).
    virtual domain::CountsByReason cancellationCounts(const domain::ReportPeriod& period) = 0;

    // Tells every screen (of every instance) that time alone moved the case, still at `version`,
    // to clock state `clock` ("due_soon", "breached"), once: the database records what was
    // announced, so another instance, or this one after a restart, announces it no more.
    // Returns the case when this call announced it; nothing when the case is gone, was written
    // since, or the state was announced already.
    virtual std::optional<domain::Case> announceClock(const std::string& id, std::int64_t version,
                                                      std::string_view clock) = 0;

    // Theatre sessions, with their booked cases (computed fields). Written like cases: audited
    // in the same transaction, heard by the change listener (onSessionChanged) of every
    // instance. A case write that books, unbooks or re-estimates a case is heard as the new
    // state of each session it touched too.
    // In list order (date, period, theatre), at most 2000.
    virtual std::vector<domain::TheatreSession> listSessions(const domain::SessionRange& range) = 0;
    virtual std::optional<domain::TheatreSession> findSession(const std::string& id) = 0;
    virtual domain::TheatreSession createSession(const domain::TheatreSession& draft,
                                                 const domain::Actor& actor) = 0;
    // NotFound; ValidationError for times out of order or a list order that is not the
    // session's cases.
    virtual domain::TheatreSession updateSession(const std::string& id,
                                                 const domain::SessionPatch& patch,
                                                 const domain::Actor& actor) = 0;
    // NotFound; Conflict while any case is booked into it.
    virtual void deleteSession(const std::string& id, const domain::Actor& actor) = 0;

    // An entry that goes with no case change: sign-ins, exports.
    virtual void recordAudit(const domain::AuditEntry& entry) = 0;
    // The case's entries, oldest first, one page of them (empty if it never existed).
    virtual std::vector<domain::AuditEntry> caseHistory(const std::string& caseId,
                                                        domain::HistoryPage page = {}) = 0;
    // Newest first.
    virtual std::vector<domain::AuditEntry> auditTrail(const domain::AuditFilter& filter) = 0;

    // A screen's text for every screen on every instance: the change listener of each hears it
    // once (onMessage). Never written to a table: it may name a patient. Unavailable when the
    // database cannot pass it on.
    virtual void publishMessage(const std::string& fromEmail, const std::string& text) = 0;

    // True when the database answers a trivial query.
    virtual bool ready() = 0;

  protected:
    // Runs a blocking write and reports it to done.
    template <typename T, typename Write>
    static void complete(const Completion<T>& done, Write write) {
        T result;
        try {
            result = write();
        } catch (...) {
            done(T{}, std::current_exception());
            return;
        }
        done(std::move(result), nullptr);
    }
};

}  // namespace caseboard::store
