#pragma once

#include <optional>
#include <string>

#include "domain/AccessChange.hpp"
#include "domain/Case.hpp"

namespace caseboard::domain {

enum class ChangeKind { Create, Update, Delete };

const char* actionName(ChangeKind kind);

// A committed change to one case, as the store reports it once the transaction is durable.
// `after` is the case as it now is (empty for a delete).
struct CaseChange {
    ChangeKind kind = ChangeKind::Create;
    std::string caseId;
    std::optional<Case> after;
};

// Told about every committed change, in commit order, exactly once; and of every screen's text.
class ChangeListener {
  public:
    virtual ~ChangeListener() = default;
    virtual void onCommitted(const CaseChange& change) = 0;
    // Changes may have been missed (the feed of changes was interrupted and is back): every
    // screen must refetch what it shows.
    virtual void onResync() {}
    // A screen's text for every screen (on every instance), once; nothing keeps it.
    virtual void onMessage(const std::string& /*fromEmail*/, const std::string& /*text*/) {}
    // Someone's access changed (committed): before the write that made it returns, on the
    // instance that made it; on the others as soon as their feed brings it.
    virtual void onAccessChanged(const AccessChange& /*change*/) {}
};

}  // namespace caseboard::domain
