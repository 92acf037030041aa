#include "domain/Audit.hpp"

#include "domain/CaseFieldValues.hpp"
#include "domain/CaseJson.hpp"
#include "domain/Clock.hpp"
#include "domain/QueryReader.hpp"

namespace caseboard::domain {

namespace {

// One change entry: {"before": …, "after": …}, null for a side that has no case.
boost::json::object change(const CaseField& field, const std::optional<Case>& before,
                           const std::optional<Case>& after,
                           const boost::json::storage_ptr& storage) {
    auto side = [&](const std::optional<Case>& c) {
        return c ? fieldJson(field, *c, storage) : boost::json::value(nullptr, storage);
    };
    boost::json::object entry(storage);
    entry.reserve(2);
    entry.emplace("before", side(before));
    entry.emplace("after", side(after));
    return entry;
}

// An object's keys that differ, each its own change ("checklist.consent"): what a person ticked.
void keyChanges(const CaseField& field, const Case& before, const Case& after,
                boost::json::object& changes, const boost::json::storage_ptr& storage) {
    const auto& member = std::get<FieldMap Case::*>(field.member);
    for (std::string_view key : field.keys) {
        auto was = keyValue(field, before.*member, key);
        auto now = keyValue(field, after.*member, key);
        if (was == now) continue;
        boost::json::object entry(storage);
        entry.reserve(2);
        auto side = [&](std::string_view value) {
            return value.empty() ? boost::json::value(nullptr, storage)
                                 : boost::json::value(boost::json::string_view(value), storage);
        };
        entry.emplace("before", side(was));
        entry.emplace("after", side(now));
        changes.emplace(std::string(field.name) + "." + std::string(key), std::move(entry));
    }
}

}  // namespace

boost::json::object caseChanges(const std::optional<Case>& before, const std::optional<Case>& after,
                                boost::json::storage_ptr storage) {
    boost::json::object changes(storage);
    bool update = before && after;
    if (!update) changes.reserve(kCaseFieldCount);
    for (const CaseField& field : kStoredCaseFields) {
        // An update lists what the user changed (never the server's bookkeeping); a create or
        // delete is the whole snapshot.
        if (update && (!field.writable() || sameValue(field, *before, *after))) continue;
        if (update && field.type == FieldType::Object) {
            keyChanges(field, *before, *after, changes, storage);
        } else {
            changes.emplace(field.name, change(field, before, after, storage));
        }
    }
    return changes;
}

boost::json::object cancelChanges(const Case& before, const Case& after,
                                  boost::json::storage_ptr storage) {
    auto changes = caseChanges(before, after, storage);
    const CaseField& list = *findCaseField("cancellations");
    changes.emplace(list.name, change(list, before, after, storage));
    return changes;
}

AuditEntry auditEntry(std::string action, const Actor& actor, std::optional<std::string> caseId,
                      boost::json::object changes) {
    // Constructed, not assigned: an object moved into place keeps its memory resource.
    return AuditEntry{0,
                      nowTimestamp(),
                      actor.userId,
                      actor.email,
                      std::move(action),
                      std::move(caseId),
                      std::move(changes),
                      std::nullopt};
}

AuditEntry userEntry(std::string action, const Actor& actor, const std::string& targetUserId,
                     boost::json::object changes) {
    auto entry = auditEntry(std::move(action), actor, std::nullopt, std::move(changes));
    entry.targetUser = targetUserId;
    return entry;
}

AuditEntry roleChangeEntry(const Actor& actor, const std::string& targetUserId, Role before,
                           Role after) {
    return userEntry("role_change", actor, targetUserId,
                     {{"role", {{"before", roleName(before)}, {"after", roleName(after)}}}});
}

std::optional<Case> lastDeletedState(const std::vector<AuditEntry>& history) {
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
        if (it->action != "delete") continue;
        boost::json::object snapshot;
        for (const auto& [field, change] : it->changes) {
            if (const auto* values = change.if_object()) {
                if (const auto* before = values->if_contains("before")) snapshot[field] = *before;
            }
        }
        return caseFromJson(snapshot);
    }
    return std::nullopt;
}

boost::json::object toJson(const AuditEntry& entry) {
    boost::json::object o{{"id", entry.id},
                          {"at", entry.at},
                          {"user_id", entry.userId == kNoUser ? boost::json::value(nullptr)
                                                              : boost::json::value(entry.userId)},
                          {"email", entry.email},
                          {"action", entry.action},
                          {"changes", entry.changes}};
    o["case"] = entry.caseId ? boost::json::value(*entry.caseId) : boost::json::value(nullptr);
    if (entry.targetUser) o["target_user"] = *entry.targetUser;
    if (entry.sessionId) o["session"] = *entry.sessionId;
    return o;
}

HistoryPage parseHistoryPage(const QueryParams& params) {
    QueryReader reader(params);
    HistoryPage page;
    page.limit = reader.integer("limit", 1, 1000).value_or(page.limit);
    page.offset = reader.integer("offset", 0, 1'000'000'000).value_or(page.offset);
    reader.throwIfFailed();
    return page;
}

}  // namespace caseboard::domain
