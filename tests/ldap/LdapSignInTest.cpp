#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "DirectorySettings.hpp"
#include "SlapdServer.hpp"
#include "SlapdSuite.hpp"
#include "directory/LdapDirectory.hpp"

using namespace caseboard::directory;
using caseboard::domain::Role;
using caseboard::ldaptest::directorySettings;
using caseboard::ldaptest::SlapdServer;
using caseboard::ldaptest::SlapdSuite;

class LdapSignInTest : public SlapdSuite<LdapSignInTest> {
  protected:
    static LdapSettings settings() { return directorySettings(*server); }
    static SignInResult signIn(const std::string& email, const std::string& uid) {
        return LdapDirectory(settings()).authenticate(email, server->password(uid));
    }
};

TEST_F(LdapSignInTest, RightPasswordSignsInWithTheRoleOfTheirGroup) {
    const auto editor = signIn("eddie@hospital.test", "eddie");
    ASSERT_EQ(editor.outcome, SignInOutcome::SignedIn);
    ASSERT_TRUE(editor.person.has_value());
    EXPECT_EQ(editor.person->dn, SlapdServer::userDn("eddie"));
    EXPECT_EQ(editor.person->email, "eddie@hospital.test");
    EXPECT_EQ(editor.person->role, Role::Editor);
    const auto viewer = signIn("vera@hospital.test", "vera");
    ASSERT_EQ(viewer.outcome, SignInOutcome::SignedIn);
    EXPECT_EQ(viewer.person->role, Role::Viewer);
}

TEST_F(LdapSignInTest, TheFirstGroupInTheConfiguredOrderDecides) {
    // alice is in both admins and editors.
    const auto admin = signIn("alice@hospital.test", "alice");
    ASSERT_EQ(admin.outcome, SignInOutcome::SignedIn);
    EXPECT_EQ(admin.person->role, Role::Admin);
    auto editorsFirst = settings();
    std::swap(editorsFirst.roleGroups[0], editorsFirst.roleGroups[1]);
    const auto editor =
        LdapDirectory(editorsFirst).authenticate("alice@hospital.test", server->password("alice"));
    ASSERT_EQ(editor.outcome, SignInOutcome::SignedIn);
    EXPECT_EQ(editor.person->role, Role::Editor);
}

TEST_F(LdapSignInTest, WrongPasswordIsWrongCredentials) {
    const LdapDirectory directory(settings());
    const auto result = directory.authenticate("alice@hospital.test", server->password("eddie"));
    EXPECT_EQ(result.outcome, SignInOutcome::WrongCredentials);
    EXPECT_FALSE(result.person.has_value());
    EXPECT_EQ(directory.authenticate("alice@hospital.test", "not-her-password").outcome,
              SignInOutcome::WrongCredentials);
}

TEST_F(LdapSignInTest, UnknownAddressIsWrongCredentials) {
    EXPECT_EQ(signIn("nobody@hospital.test", "alice").outcome, SignInOutcome::WrongCredentials);
    // Not even a valid value for the mail attribute (IA5): still just nobody.
    EXPECT_EQ(signIn("zoë@hospital.test", "alice").outcome, SignInOutcome::WrongCredentials);
}

// This server, like many, treats a DN with an empty password as an anonymous bind that
// succeeds: only refusing before any bind keeps it from signing anyone in.
TEST_F(LdapSignInTest, EmptyPasswordIsWrongCredentials) {
    const LdapDirectory directory(settings());
    EXPECT_EQ(directory.authenticate("alice@hospital.test", "").outcome,
              SignInOutcome::WrongCredentials);
    EXPECT_EQ(directory.authenticate("", server->password("alice")).outcome,
              SignInOutcome::WrongCredentials);
}

TEST_F(LdapSignInTest, RightPasswordWithoutMappedGroupIsNoMappedGroup) {
    EXPECT_EQ(signIn("nora@hospital.test", "nora").outcome, SignInOutcome::NoMappedGroup);
    // The group check comes after the password: a wrong one reveals nothing about groups.
    EXPECT_EQ(signIn("nora@hospital.test", "alice").outcome, SignInOutcome::WrongCredentials);
}

TEST_F(LdapSignInTest, DisabledActiveDirectoryAccountIsWrongCredentials) {
    EXPECT_EQ(signIn("dora@hospital.test", "dora").outcome, SignInOutcome::WrongCredentials);
    EXPECT_EQ(LdapDirectory(settings()).lookup("dora@hospital.test").outcome, LookupOutcome::Gone);
}

TEST_F(LdapSignInTest, AnAddressOfTwoAccountsSignsNobodyIn) {
    EXPECT_EQ(signIn("twin@hospital.test", "twin1").outcome, SignInOutcome::WrongCredentials);
    EXPECT_EQ(LdapDirectory(settings()).lookup("twin@hospital.test").outcome, LookupOutcome::Gone);
}

TEST_F(LdapSignInTest, FilterCharactersInTheAddressMatchNobody) {
    // Unescaped, (mail=alice*) would find alice alone and her password would sign her in.
    EXPECT_EQ(signIn("alice*", "alice").outcome, SignInOutcome::WrongCredentials);
    EXPECT_EQ(signIn("*)(mail=*", "alice").outcome, SignInOutcome::WrongCredentials);
    EXPECT_EQ(signIn("*", "alice").outcome, SignInOutcome::WrongCredentials);
    EXPECT_EQ(LdapDirectory(settings()).lookup("eddie*").outcome, LookupOutcome::Gone);
}

TEST_F(LdapSignInTest, DnWithFilterCharactersStillGetsItsGroupRole) {
    // cn=Pat (Nights)\, Smith: unescaped in the member filter, the parentheses break it.
    const auto result = signIn("pat@hospital.test", "pat");
    ASSERT_EQ(result.outcome, SignInOutcome::SignedIn);
    EXPECT_EQ(result.person->role, Role::Editor);
}

TEST_F(LdapSignInTest, MissingRoleGroupIsSkipped) {
    auto settings = LdapSignInTest::settings();
    settings.roleGroups.insert(settings.roleGroups.begin(),
                               {Role::Admin, "cn=caseboard-ghosts,ou=groups,dc=hospital,dc=test"});
    const auto result =
        LdapDirectory(settings).authenticate("eddie@hospital.test", server->password("eddie"));
    ASSERT_EQ(result.outcome, SignInOutcome::SignedIn);
    EXPECT_EQ(result.person->role, Role::Editor);
}

TEST_F(LdapSignInTest, MissingBaseDnIsUnavailable) {
    auto settings = LdapSignInTest::settings();
    settings.baseDn = "ou=nowhere,dc=hospital,dc=test";
    EXPECT_EQ(LdapDirectory(settings)
                  .authenticate("eddie@hospital.test", server->password("eddie"))
                  .outcome,
              SignInOutcome::Unavailable);
}

TEST_F(LdapSignInTest, WrongServicePasswordIsUnavailable) {
    auto settings = LdapSignInTest::settings();
    settings.bindPassword = server->password("alice");
    const LdapDirectory directory(settings);
    EXPECT_EQ(directory.authenticate("eddie@hospital.test", server->password("eddie")).outcome,
              SignInOutcome::Unavailable);
    EXPECT_EQ(directory.lookup("eddie@hospital.test").outcome, LookupOutcome::Unavailable);
}

TEST_F(LdapSignInTest, LookupFindsThePersonAndTheirRole) {
    const LdapDirectory directory(settings());
    const auto found = directory.lookup("alice@hospital.test");
    ASSERT_EQ(found.outcome, LookupOutcome::Found);
    EXPECT_EQ(found.person->dn, SlapdServer::userDn("alice"));
    EXPECT_EQ(found.person->role, Role::Admin);
    const auto roleless = directory.lookup("nora@hospital.test");
    ASSERT_EQ(roleless.outcome, LookupOutcome::Found);
    EXPECT_FALSE(roleless.person->role.has_value());
    EXPECT_EQ(directory.lookup("nobody@hospital.test").outcome, LookupOutcome::Gone);
}

TEST_F(LdapSignInTest, ConcurrentSignInsEachGetTheirOwnAnswer) {
    const LdapDirectory directory(settings());
    const std::vector<std::pair<std::string, Role>> people = {
        {"alice", Role::Admin}, {"eddie", Role::Editor}, {"vera", Role::Viewer}};
    std::vector<int> right(6, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < right.size(); ++t)
        threads.emplace_back([&, t] {
            const auto& [uid, role] = people[t % people.size()];
            const std::string password = server->password(uid);
            for (int i = 0; i < 5; ++i) {
                const auto result = directory.authenticate(uid + "@hospital.test", password);
                if (result.outcome == SignInOutcome::SignedIn && result.person->role == role)
                    ++right[t];
            }
        });
    for (auto& thread : threads) thread.join();
    for (const int count : right) EXPECT_EQ(count, 5);
}
