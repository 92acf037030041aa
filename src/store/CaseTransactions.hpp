#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Audit.hpp"
#include "domain/Cancellation.hpp"
#include "domain/Case.hpp"
#include "store/WriteTransaction.hpp"

// The case writes of every store, each one transaction: what is checked, written and recorded
// in the audit trail, and which change goes out with the commit. Failures are the exceptions of
// store/StoreErrors.hpp. Each may run again from the start in a new transaction.
namespace caseboard::store::transactions {

// `created` (from domain::newCaseFrom) goes at orderIndex, or after the last of its section.
domain::Case createCase(WriteTransaction& tx, domain::Case created,
                        std::optional<std::int64_t> orderIndex, const domain::Actor& actor);
// A patch that changes nothing returns the case as it is and writes nothing.
domain::Case updateCase(WriteTransaction& tx, const std::string& id, const domain::CasePatch& patch,
                        std::optional<std::int64_t> expectedVersion, const domain::Actor& actor);
void deleteCase(WriteTransaction& tx, const std::string& id, const domain::Actor& actor);
std::vector<domain::Case> moveCases(WriteTransaction& tx,
                                    const std::vector<domain::CaseMove>& moves,
                                    const domain::Actor& actor);
domain::Case restoreCase(WriteTransaction& tx, const std::string& id, const domain::Actor& actor);
// The case taken off its theatre list (domain::cancelled), recorded as cancel and announced as
// an update. NotFound; Conflict for an archived case (it is on no list).
domain::Case cancelCase(WriteTransaction& tx, const std::string& id,
                        const domain::Cancellation& cancellation, const domain::Actor& actor);
void recordAudit(WriteTransaction& tx, const domain::AuditEntry& entry);
// Announces that time alone moved the case (still at `version`) to clock state `clock`, unless
// that was announced already (by any instance, before any restart). Not a write by anyone: no
// audit entry, no new version. Returns the case when this call announced it.
std::optional<domain::Case> announceClock(WriteTransaction& tx, const std::string& id,
                                          std::int64_t version, std::string_view clock);

}  // namespace caseboard::store::transactions
