// Sessions and revocation (API.md "Accounts, sessions and directory sign-in"): every request
// checks that its token's session is live and its user active, and a sign-out, a deactivation,
// a password change or a demotion to pending closes the user's sockets (1008) within 1 s.
#include "harness/ServerTest.hpp"

#include "harness/Jwt.hpp"
#include "harness/ProcessRunner.hpp"
#include "harness/WsClient.hpp"

#include <fstream>
#include <iterator>

namespace caseboard::it {
namespace {

using boost::json::object;
constexpr auto kRevocation = std::chrono::seconds(1);

// The status of an upgrade to /ws with `token` (101 if it was accepted).
int upgradeStatus(unsigned short port, const std::string& token) {
    WsClient ws(port);
    return ws.connect(WsOptions::withToken(token)) ? 101 : ws.handshakeStatus();
}

// `caseboard user …` on the database of a running server.
ProcessResult userCommand(ServerProcess& server, std::vector<std::string> args) {
    args.insert(args.begin(), "user");
    args.push_back("--database");
    args.push_back(server.databaseArgument());
    return ProcessRunner::run(args, {}, std::chrono::seconds(30));
}

class SessionsTest : public ServerTest {
  protected:
    const TestUser& admin() { return alice(); }
    TestUser colleague() {
        admin();
        return users().create("colleague");
    }
    // An open socket of `token` (fails the test if the upgrade is refused).
    std::unique_ptr<WsClient> socketOf(const std::string& token) {
        auto ws = std::make_unique<WsClient>(port());
        EXPECT_TRUE(ws->connect(WsOptions::withToken(token)))
            << "upgrade refused: HTTP " << ws->handshakeStatus() << " " << ws->handshakeBody();
        EXPECT_TRUE(ws->waitSubscribed());
        return ws;
    }
    int upgradeStatus(const std::string& token) { return it::upgradeStatus(port(), token); }
    HttpResponse setActive(const TestUser& user, bool active) {
        return http().patchJson("/users/" + user.id, object{{"active", active}}, admin().token);
    }
    // The audit entries of one action, newest first.
    boost::json::array audit(const std::string& action) {
        auto response = http().get("/audit?action=" + action, admin().token);
        EXPECT_EQ(response.status, 200) << describe(response);
        return response.json().is_array() ? response.json().as_array() : boost::json::array();
    }
};

TEST_F(SessionsTest, TheTokenCarriesItsSession) {
    auto claims = Jwt::payload(admin().token);
    ASSERT_TRUE(claims.contains("sid"));
    EXPECT_TRUE(isUuidV4(std::string(claims.at("sid").as_string())));
    EXPECT_NE(Jwt::payload(users().token(admin().email, TestUsers::kPassword)).at("sid"),
              claims.at("sid"));
}

TEST_F(SessionsTest, SigningOutEndsTheSessionForEveryRouteAndClosesItsSockets) {
    auto bob = colleague();
    auto other = users().token(bob.email, TestUsers::kPassword);
    auto mine = socketOf(bob.token);
    auto theirs = socketOf(other);
    auto out = http().postJson("/users/logout", object{}, bob.token);
    ASSERT_EQ(out.status, 204) << describe(out);
    EXPECT_TRUE(out.body.empty());
    EXPECT_EQ(mine->waitClosed(kRevocation), 1008);
    for (const char* path : {"/users/me", "/cases/", "/cases/export.csv"}) {
        auto response = http().get(path, bob.token);
        EXPECT_EQ(response.status, 401) << path << ": " << describe(response);
        EXPECT_TRUE(hasDetail(response));
        EXPECT_EQ(response.header("WWW-Authenticate"), "Bearer");
    }
    EXPECT_EQ(http().postJson("/cases/", object{{"name", "X"}, {"section", "s"}}, bob.token).status,
              401);
    EXPECT_EQ(upgradeStatus(bob.token), 401);
    EXPECT_EQ(http().postJson("/users/logout", object{}, bob.token).status, 401);
    // The other session of the same user goes on.
    EXPECT_EQ(http().get("/cases/", other).status, 200);
    EXPECT_FALSE(theirs->waitClosed(std::chrono::milliseconds(300)));
    auto logouts = audit("logout");
    ASSERT_EQ(logouts.size(), 1u);
    EXPECT_EQ(logouts[0].at("email").as_string(), bob.email);
}

TEST_F(SessionsTest, DeactivationCutsEverySessionAndSignInUntilReactivated) {
    auto bob = colleague();
    auto ws = socketOf(bob.token);
    auto off = setActive(bob, false);
    ASSERT_EQ(off.status, 200) << describe(off);
    EXPECT_EQ(off.json().at("active"), false);
    EXPECT_EQ(ws->waitClosed(kRevocation), 1008);
    EXPECT_EQ(http().get("/cases/", bob.token).status, 401);
    EXPECT_EQ(http().get("/users/me", bob.token).status, 401);
    EXPECT_EQ(upgradeStatus(bob.token), 401);
    auto refused = users().login(bob.email, TestUsers::kPassword);
    EXPECT_EQ(refused.status, 401) << describe(refused);
    auto on = setActive(bob, true);
    ASSERT_EQ(on.status, 200) << describe(on);
    // The old session stays ended; a new sign-in works.
    EXPECT_EQ(http().get("/cases/", bob.token).status, 401);
    auto again = users().token(bob.email, TestUsers::kPassword);
    auto me = http().get("/users/me", again);
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(me.json().at("active"), true);
    EXPECT_EQ(audit("user_deactivate").size(), 1u);
    auto activations = audit("user_activate");
    ASSERT_EQ(activations.size(), 1u);
    EXPECT_EQ(activations[0].at("target_user").as_string(), bob.id);
}

TEST_F(SessionsTest, TheLastActiveAdminCanBeNeitherDeactivatedNorDemoted) {
    auto self = http().patchJson("/users/" + admin().id, object{{"active", false}}, admin().token);
    EXPECT_EQ(self.status, 409) << describe(self);
    EXPECT_TRUE(hasDetail(self));
    auto demoted =
        http().patchJson("/users/" + admin().id, object{{"role", "viewer"}}, admin().token);
    EXPECT_EQ(demoted.status, 409);
    // A deactivated admin does not count: the one active admin is still the last.
    auto bob = colleague();
    ASSERT_EQ(http().patchJson("/users/" + bob.id, object{{"role", "admin"}}, admin().token).status,
              200);
    ASSERT_EQ(setActive(bob, false).status, 200);
    EXPECT_EQ(setActive(admin(), false).status, 409);
    EXPECT_EQ(http().get("/users/me", admin().token).status, 200);
}

TEST_F(SessionsTest, OnlyAdminsManageAccountsAndBadBodiesAre422) {
    auto bob = colleague();
    EXPECT_EQ(http().patchJson("/users/" + admin().id, object{{"active", false}}, bob.token).status,
              403);
    EXPECT_EQ(http().postJson("/users", object{{"email", "x@example.org"}}, bob.token).status, 403);
    for (const auto& body : {object{}, object{{"active", "no"}}, object{{"role", "boss"}}}) {
        auto response = http().patchJson("/users/" + bob.id, body, admin().token);
        EXPECT_EQ(response.status, 422)
            << boost::json::serialize(body) << ": " << describe(response);
    }
    EXPECT_EQ(http()
                  .patchJson("/users/" + randomUuidV4(), object{{"active", false}}, admin().token)
                  .status,
              404);
}

TEST_F(SessionsTest, AnAdminCreatesAnAccountWithAPasswordShownOnce) {
    admin();
    const std::string email = uniqueEmail("new");
    auto created =
        http().postJson("/users", object{{"email", email}, {"role", "viewer"}}, admin().token);
    ASSERT_EQ(created.status, 201) << describe(created);
    const auto body = created.json().as_object();
    EXPECT_EQ(body.at("email").as_string(), email);
    EXPECT_EQ(body.at("role"), "viewer");
    const std::string password(body.at("password").as_string());
    EXPECT_GE(password.size(), 16u);
    EXPECT_EQ(created.body.find("argon2"), std::string::npos);
    // The password signs in, and is never shown again.
    auto token = users().token(email, password);
    EXPECT_EQ(http().get("/users/me", token).json().at("role"), "viewer");
    auto list = http().get("/users", admin().token);
    EXPECT_EQ(list.body.find(password), std::string::npos);
    EXPECT_EQ(http().postJson("/users", object{{"email", email}}, admin().token).status, 409);
    EXPECT_EQ(http().postJson("/users", object{{"email", "no"}}, admin().token).status, 422);
    auto entries = audit("user_create");
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].at("email").as_string(), admin().email);
    EXPECT_EQ(entries[0].at("target_user"), body.at("id"));
}

TEST_F(SessionsTest, AChangedPasswordEndsEveryOtherSession) {
    auto bob = colleague();
    auto other = users().token(bob.email, TestUsers::kPassword);
    auto otherSocket = socketOf(other);
    auto mySocket = socketOf(bob.token);
    const std::string chosen = "a new passphrase for bob";
    auto changed =
        http().postJson("/users/me/password",
                        object{{"current", TestUsers::kPassword}, {"new", chosen}}, bob.token);
    ASSERT_EQ(changed.status, 204) << describe(changed);
    EXPECT_EQ(otherSocket->waitClosed(kRevocation), 1008);
    EXPECT_EQ(http().get("/cases/", other).status, 401);
    EXPECT_EQ(http().get("/cases/", bob.token).status, 200);
    EXPECT_FALSE(mySocket->waitClosed(std::chrono::milliseconds(300)));
    EXPECT_EQ(users().login(bob.email, TestUsers::kPassword).status, 401);
    EXPECT_EQ(users().login(bob.email, chosen).status, 200);
    EXPECT_EQ(audit("password_change").size(), 1u);
}

TEST_F(SessionsTest, APasswordChangeNeedsTheCurrentPasswordAndAValidNewOne) {
    auto bob = colleague();
    auto wrong = http().postJson("/users/me/password",
                                 object{{"current", "not my password"}, {"new", "long enough 1"}},
                                 bob.token);
    EXPECT_EQ(wrong.status, 403) << describe(wrong);
    EXPECT_TRUE(hasDetail(wrong));
    auto shortNew =
        http().postJson("/users/me/password",
                        object{{"current", TestUsers::kPassword}, {"new", "short"}}, bob.token);
    EXPECT_EQ(shortNew.status, 422);
    auto locs = errorLocations(shortNew.json());
    EXPECT_NE(std::find(locs.begin(), locs.end(), "body.new"), locs.end()) << shortNew.body;
    EXPECT_EQ(
        http().postJson("/users/me/password", object{{"new", "long enough 1"}}, bob.token).status,
        422);
    EXPECT_EQ(users().login(bob.email, TestUsers::kPassword).status, 200);
}

TEST_F(SessionsTest, ADemotionToPendingClosesSocketsAndAnswersAwaitingApproval) {
    auto bob = colleague();
    auto ws = socketOf(bob.token);
    ASSERT_EQ(
        http().patchJson("/users/" + bob.id, object{{"role", "pending"}}, admin().token).status,
        200);
    EXPECT_EQ(ws->waitClosed(kRevocation), 1008);
    auto cases = http().get("/cases/", bob.token);
    EXPECT_EQ(cases.status, 403);
    EXPECT_EQ(str(cases.json(), "detail"), "Awaiting approval");
    EXPECT_EQ(upgradeStatus(bob.token), 403);
    // Still signed in: the board can say why it shows nothing.
    EXPECT_EQ(http().get("/users/me", bob.token).json().at("role"), "pending");
}

TEST_F(SessionsTest, AForgedTokenWithoutASessionIsRefused) {
    std::ifstream file(server().databasePath() + ".jwt-secret", std::ios::binary);
    std::string secret((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(secret.empty());
    auto claims = Jwt::payload(admin().token);
    claims.erase("sid");
    auto forged = Jwt::sign(object{{"alg", "HS256"}, {"typ", "JWT"}}, claims, secret);
    EXPECT_EQ(http().get("/cases/", forged).status, 401);
    claims["sid"] = randomUuidV4();
    auto unknown = Jwt::sign(object{{"alg", "HS256"}, {"typ", "JWT"}}, claims, secret);
    EXPECT_EQ(http().get("/cases/", unknown).status, 401);
    EXPECT_EQ(upgradeStatus(unknown), 401);
}

TEST_F(SessionsTest, DisablingFromTheCommandLineCutsARunningServersSessions) {
    auto bob = colleague();
    auto ws = socketOf(bob.token);
    auto listed = userCommand(server(), {"list"});
    ASSERT_EQ(listed.exitCode, 0) << listed.err;
    EXPECT_NE(listed.out.find(bob.email), std::string::npos) << listed.out;
    auto disabled = userCommand(server(), {"disable", bob.email});
    ASSERT_EQ(disabled.exitCode, 0) << disabled.err;
    // Another process made the change: the server hears of it within a second.
    EXPECT_EQ(ws->waitClosed(kRevocation), 1008);
    EXPECT_EQ(http().get("/users/me", bob.token).status, 401);
    auto entries = audit("user_deactivate");
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(std::string(entries[0].at("email").as_string()).rfind("command line", 0), 0u);
    auto unknown = userCommand(server(), {"disable", "nobody@example.org"});
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_FALSE(unknown.err.empty());
    EXPECT_EQ(userCommand(server(), {"disable", admin().email}).exitCode, 1);
}

TEST_F(SessionsTest, SignInsRecordTheirMethod) {
    admin();
    auto logins = audit("login");
    ASSERT_FALSE(logins.empty());
    EXPECT_EQ(logins[0].at("changes").at("method"), "password");
}

TEST_F(SessionsTest, ConfigTellsTheBoardHowToSignInAndWhenToSignOut) {
    auto config = http().get("/config");
    ASSERT_EQ(config.status, 200) << describe(config);
    EXPECT_EQ(config.json().at("idle_timeout"), 1800);
    EXPECT_EQ(config.json().at("sign_in"), boost::json::array{"password"});
}

class IdleTimeoutTest : public ServerTest {
    ServerOptions options() const override { return {{"--idle-timeout", "300"}, {}}; }
};

TEST_F(IdleTimeoutTest, TheFlagReachesConfig) {
    EXPECT_EQ(http().get("/config").json().at("idle_timeout"), 300);
}

class ApprovalTest : public ServerTest {
    ServerOptions options() const override { return {{"--registration", "approval"}, {}}; }
};

TEST_F(ApprovalTest, NewAccountsWaitForAnAdminWhoComesFromTheCommandLine) {
    // Even the first account of a fresh install waits: no race to become admin.
    auto first = users().create("first");
    EXPECT_EQ(http().get("/users/me", first.token).json().at("role"), "pending");
    auto cases = http().get("/cases/", first.token);
    EXPECT_EQ(cases.status, 403);
    EXPECT_EQ(str(cases.json(), "detail"), "Awaiting approval");
    EXPECT_EQ(http().get("/audit", first.token).status, 403);
    EXPECT_EQ(upgradeStatus(port(), first.token), 403);

    const std::string adminEmail = uniqueEmail("admin");
    auto added = userCommand(server(), {"add", adminEmail, "--role", "admin"});
    ASSERT_EQ(added.exitCode, 0) << added.err;
    const std::string marker = "password (shown once): ";
    auto at = added.out.find(marker);
    ASSERT_NE(at, std::string::npos) << added.out;
    std::string password = added.out.substr(at + marker.size());
    password = password.substr(0, password.find('\n'));
    auto adminToken = users().token(adminEmail, password);
    ASSERT_EQ(http().patchJson("/users/" + first.id, object{{"role", "editor"}}, adminToken).status,
              200);
    EXPECT_EQ(http().get("/cases/", first.token).status, 200);
}

}  // namespace
}  // namespace caseboard::it
