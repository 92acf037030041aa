#include "store/DataMigration.hpp"

namespace caseboard::store {

int migrateData(Store& source, postgres::PostgresStore& destination, std::ostream& out,
                std::ostream& err) {
    auto users = source.allUsers();
    domain::CaseFilter current;
    current.archived = false;
    domain::CaseFilter archived;
    archived.archived = true;
    auto cases = source.listCases(current);
    for (auto& c : source.listCases(archived)) cases.push_back(std::move(c));

    std::size_t usersCopied = destination.importUsers(users);
    std::size_t casesCopied = destination.importCases(cases);

    std::vector<std::string> userIds;
    for (const auto& user : users) userIds.push_back(user.id);
    std::vector<std::string> caseIds;
    for (const auto& c : cases) caseIds.push_back(c.id);
    std::size_t usersThere = destination.countUsers(userIds);
    std::size_t casesThere = destination.countCases(caseIds);

    out << "users: " << users.size() << " in the source, " << usersCopied << " copied now, "
        << usersThere << " of them in the destination\n";
    out << "cases: " << cases.size() << " in the source, " << casesCopied << " copied now, "
        << casesThere << " of them in the destination\n";
    bool verified = usersThere == users.size() && casesThere == cases.size();
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
        return 1;
    }
    out << "verified: every user and case of the source is in the destination\n";
    return 0;
}

}  // namespace caseboard::store
