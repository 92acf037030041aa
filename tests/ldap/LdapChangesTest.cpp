#include <gtest/gtest.h>

#include "DirectorySettings.hpp"
#include "SlapdSuite.hpp"
#include "directory/LdapDirectory.hpp"

using namespace caseboard::directory;
using caseboard::domain::Role;
using caseboard::ldaptest::directorySettings;
using caseboard::ldaptest::SlapdServer;
using caseboard::ldaptest::SlapdSuite;

// Changes made in the directory after sign-in, as the periodic re-check sees them.
class LdapChangesTest : public SlapdSuite<LdapChangesTest> {};

TEST_F(LdapChangesTest, DeletedAccountIsGone) {
    const LdapDirectory directory(directorySettings(*server));
    ASSERT_EQ(directory.lookup("leaver@hospital.test").outcome, LookupOutcome::Found);
    server->deleteEntry(SlapdServer::userDn("leaver"));
    EXPECT_EQ(directory.lookup("leaver@hospital.test").outcome, LookupOutcome::Gone);
    EXPECT_EQ(directory.authenticate("leaver@hospital.test", server->password("leaver")).outcome,
              SignInOutcome::WrongCredentials);
}

TEST_F(LdapChangesTest, AccountRemovedFromEveryGroupIsFoundWithoutRole) {
    const LdapDirectory directory(directorySettings(*server));
    const std::string mover = SlapdServer::userDn("mover");
    EXPECT_EQ(directory.lookup("mover@hospital.test").person->role, Role::Editor);
    server->removeFromGroup(mover, "editors");
    EXPECT_EQ(directory.lookup("mover@hospital.test").person->role, Role::Viewer);
    server->removeFromGroup(mover, "viewers");
    const auto result = directory.lookup("mover@hospital.test");
    ASSERT_EQ(result.outcome, LookupOutcome::Found);
    EXPECT_EQ(result.person->dn, mover);
    EXPECT_FALSE(result.person->role.has_value());
    EXPECT_EQ(directory.authenticate("mover@hospital.test", server->password("mover")).outcome,
              SignInOutcome::NoMappedGroup);
}

TEST_F(LdapChangesTest, StoppedServerIsUnavailableUntilItIsBack) {
    const LdapDirectory directory(directorySettings(*server));
    server->stop();
    EXPECT_EQ(directory.lookup("eddie@hospital.test").outcome, LookupOutcome::Unavailable);
    EXPECT_EQ(directory.authenticate("eddie@hospital.test", server->password("eddie")).outcome,
              SignInOutcome::Unavailable);
    server->start();
    EXPECT_EQ(directory.lookup("eddie@hospital.test").outcome, LookupOutcome::Found);
}
