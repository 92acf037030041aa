#pragma once

#include <optional>
#include <string>

#include "domain/AccessChange.hpp"
#include "domain/Case.hpp"
#include "domain/SessionChange.hpp"

namespace caseboard::domain {

// Clock: nobody wrote the case; time alone moved its clock to a state every screen is told of
// once (due soon, breached).
enum class ChangeKind { Create, Update, Delete, Clock };

const char* actionName(ChangeKind kind);

// A committed change to one case, as the store reports it once the transaction is durable.
// `after` is the case as it now is (empty for a delete).
struct CaseChange {
    ChangeKind kind = ChangeKind::Create;
    std::string caseId;
    std::optional<Case> after;
    // For a Clock change: the state announced ("due_soon" or "breached").
    std::string clock{};  // braces: the other changes leave it out of their initializers
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
    // A theatre session changed (committed), in commit order with the case changes.
    virtual void onSessionChanged(const SessionChange& /*change*/) {}
};

}  // namespace caseboard::domain
