// Directory sign-in through the real binary: `caseboard serve --ldap-…` against a throw-away
// slapd, with real HTTP and WebSocket clients (docs/ldap.md, API.md "Accounts, sessions and
// directory sign-in").
#include <gtest/gtest.h>

#include <memory>
#include <thread>

#include "SlapdServer.hpp"
#include "harness/ServerTest.hpp"
#include "harness/WsClient.hpp"

namespace caseboard::it {
namespace {

using boost::json::object;
using ldaptest::SlapdServer;

class LdapServerTest : public ServerTest {
  protected:
    static void SetUpTestSuite() {
        try {
            slapd = std::make_unique<SlapdServer>();
        } catch (const std::exception& error) {
            ADD_FAILURE() << "slapd did not start: " << error.what();
        }
    }
    static void TearDownTestSuite() { slapd.reset(); }
    void SetUp() override {
        ASSERT_NE(slapd, nullptr);
        slapd->start();  // a test may have stopped it
        ServerTest::SetUp();
    }
    ServerOptions options() const override {
        return {
            {"--ldap-url", slapd->url(), "--ldap-starttls", "--ldap-ca-file", slapd->caFile(),
             "--ldap-bind-dn", SlapdServer::serviceDn(), "--ldap-bind-password-file",
             slapd->servicePasswordFile(), "--ldap-base-dn", SlapdServer::baseDn(),
             // Given viewer first: the server still tries admin, editor, viewer in that order.
             "--ldap-role-group", "viewer=" + SlapdServer::groupDn("viewers"), "--ldap-role-group",
             "editor=" + SlapdServer::groupDn("editors"), "--ldap-role-group",
             "admin=" + SlapdServer::groupDn("admins"), "--ldap-sync-interval", "1"},
            {}};
    }
    HttpResponse signIn(const std::string& uid) {
        return users().login(uid + "@hospital.test", slapd->password(uid));
    }
    std::string tokenOf(const std::string& uid) {
        auto response = signIn(uid);
        EXPECT_EQ(response.status, 200) << uid << ": " << describe(response);
        return response.status == 200 ? str(response.json(), "access_token") : std::string();
    }

    static inline std::unique_ptr<SlapdServer> slapd;
};

TEST_F(LdapServerTest, StaffSignInWithTheRoleTheirGroupsGive) {
    for (auto [uid, role] : {std::pair{"alice", "admin"},
                             {"eddie", "editor"},
                             {"vera", "viewer"},
                             {"mover", "editor"}}) {
        auto me = http().get("/users/me", tokenOf(uid));
        ASSERT_EQ(me.status, 200) << uid << ": " << describe(me);
        EXPECT_EQ(str(me.json(), "role"), role) << uid;
        EXPECT_EQ(str(me.json(), "source"), "ldap") << uid;
    }
    auto admin = tokenOf("alice");
    auto logins = http().get("/audit?action=login", admin).json().as_array();
    ASSERT_FALSE(logins.empty());
    EXPECT_EQ(logins[0].at("changes").at("method"), "ldap");
}

TEST_F(LdapServerTest, AWrongPasswordIs401AndNoMappedGroupIs403WithoutASession) {
    auto wrong = users().login("eddie@hospital.test", "not the password");
    EXPECT_EQ(wrong.status, 401) << describe(wrong);
    EXPECT_EQ(users().login("nobody@hospital.test", "whatever it is").status, 401);
    auto nora = signIn("nora");
    EXPECT_EQ(nora.status, 403) << describe(nora);
    EXPECT_TRUE(hasDetail(nora));
    EXPECT_FALSE(nora.json().as_object().contains("access_token"));
    // A directory account has no password here: registering its address gives it none either.
    tokenOf("eddie");
    EXPECT_EQ(users().registerUser("eddie@hospital.test", "a local password").status, 409);
}

TEST_F(LdapServerTest, WhileTheDirectoryIsDownOnlyLocalAccountsSignIn) {
    const auto& local = alice();  // the break-glass admin: a local account
    slapd->stop();
    auto directoryUser = signIn("eddie");
    EXPECT_EQ(directoryUser.status, 503) << describe(directoryUser);
    EXPECT_EQ(str(directoryUser.json(), "detail"), "Directory unavailable");
    EXPECT_EQ(users().login(local.email, TestUsers::kPassword).status, 200);
    slapd->start();
    EXPECT_EQ(signIn("eddie").status, 200);
}

TEST_F(LdapServerTest, ALeaverIsCutOffByTheNextSyncOnEveryScreen) {
    auto token = tokenOf("leaver");
    WsClient ws(port());
    ASSERT_TRUE(ws.connect(WsOptions::withToken(token)));
    ASSERT_TRUE(ws.waitSubscribed());
    slapd->removeFromGroup(SlapdServer::userDn("leaver"), "editors");
    // Synced every second: the socket closes and the session ends within a few.
    EXPECT_EQ(ws.waitClosed(std::chrono::seconds(5)), 1008);
    EXPECT_EQ(http().get("/cases/", token).status, 401);
    auto again = signIn("leaver");
    EXPECT_NE(again.status, 200) << describe(again);
}

}  // namespace
}  // namespace caseboard::it
