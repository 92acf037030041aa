#include "store/DataMigration.hpp"

#include <limits>

namespace caseboard::store {

namespace {

std::vector<std::string> idsOf(const std::vector<domain::TheatreSession>& sessions) {
    std::vector<std::string> ids;
    for (const auto& session : sessions) ids.push_back(session.id);
    return ids;
}

}  // namespace

int migrateData(Store& source, postgres::PostgresStore& destination, std::ostream& out,
                std::ostream& err) {
    auto users = source.allUsers();
    domain::CaseFilter current;
    current.archived = false;
    domain::CaseFilter archived;
    archived.archived = true;
    auto cases = source.listCases(current);
    for (auto& c : source.listCases(archived)) cases.push_back(std::move(c));

    domain::SessionRange everySession;
    everySession.limit = std::numeric_limits<std::int64_t>::max();
    auto sessions = source.listSessions(everySession);

    std::size_t usersCopied = destination.importUsers(users);
    std::size_t casesCopied = destination.importCases(cases);
    // After the cases: a session's list order is kept on them.
    std::size_t sessionsCopied = destination.importSessions(sessions);

    std::vector<std::string> userIds;
    for (const auto& user : users) userIds.push_back(user.id);
    std::vector<std::string> caseIds;
    for (const auto& c : cases) caseIds.push_back(c.id);
    std::size_t usersThere = destination.countUsers(userIds);
    std::size_t casesThere = destination.countCases(caseIds);
    std::size_t sessionsThere = destination.countSessions(idsOf(sessions));

    out << "users: " << users.size() << " in the source, " << usersCopied << " copied now, "
        << usersThere << " of them in the destination\n";
    out << "cases: " << cases.size() << " in the source, " << casesCopied << " copied now, "
        << casesThere << " of them in the destination\n";
    out << "theatre sessions: " << sessions.size() << " in the source, " << sessionsCopied
        << " copied now, " << sessionsThere << " of them in the destination\n";
    bool verified = usersThere == users.size() && casesThere == cases.size() &&
                    sessionsThere == sessions.size();
    if (!verified) {
        if (usersThere != users.size()) {
            err << "caseboard: migrate-data: " << users.size() - usersThere
                << " user(s) could not be copied: their e-mail is already registered in the "
                   "destination under another id\n";
        }
        if (casesThere != cases.size()) {
            err << "caseboard: migrate-data: " << cases.size() - casesThere
                << " case(s) are missing from the destination\n";
        }
        if (sessionsThere != sessions.size()) {
            err << "caseboard: migrate-data: " << sessions.size() - sessionsThere
                << " theatre session(s) are missing from the destination\n";
        }
        return 1;
    }
    out << "verified: every user, case and theatre session of the source is in the "
           "destination\n";
    return 0;
}

}  // namespace caseboard::store
