#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/Case.hpp"
#include "domain/CaseChange.hpp"
#include "domain/CaseFilter.hpp"
#include "domain/User.hpp"

namespace caseboard::store {

// Where users and cases live. Every method blocks until the database answers, so callers run
// it on a worker thread, never on an I/O thread. A write returns only once it is durable, and
// the change listener hears of it (in commit order, exactly once) before the write returns.
// Failures are the exceptions of store/StoreErrors.hpp.
class Store {
public:
    virtual ~Store() = default;

    virtual void setChangeListener(domain::ChangeListener* listener) = 0;

    virtual domain::User createUser(const std::string& email, const std::string& passwordHash) = 0;
    virtual std::optional<domain::User> findUserByEmail(const std::string& email) = 0;
    virtual std::optional<domain::User> findUserById(const std::string& id) = 0;

    virtual std::vector<domain::Case> listCases(const domain::CaseFilter& filter) = 0;
    virtual std::optional<domain::Case> findCase(const std::string& id) = 0;
    virtual domain::Case createCase(const domain::CaseDraft& draft) = 0;
    // expectedVersion: the client's If-Match; a different current version is a PreconditionFailed.
    // A patch that changes nothing returns the case as it is and commits nothing.
    virtual domain::Case updateCase(const std::string& id, const domain::CasePatch& patch,
                                    std::optional<std::int64_t> expectedVersion) = 0;
    virtual void deleteCase(const std::string& id) = 0;
    // All moves in one transaction: either every case moves or none (NotFound names the first
    // unknown id). Returns the moved cases as they now are.
    virtual std::vector<domain::Case> moveCases(const std::vector<domain::CaseMove>& moves) = 0;

    // True when the database answers a trivial query.
    virtual bool ready() = 0;
};

}  // namespace caseboard::store
