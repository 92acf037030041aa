// OpenID Connect sign-in through the real binary: `caseboard serve --oidc-…` against a real
// provider (oidc-provider), the browser's part played with plain HTTP (API.md "Accounts,
// sessions and directory sign-in").
#include "OidcProvider.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <memory>

#include "harness/ServerTest.hpp"

namespace caseboard::it {
namespace {

class OidcServerTest : public ServerTest {
  protected:
    static void SetUpTestSuite() {
        try {
            provider = std::make_unique<OidcProvider>();
        } catch (const std::exception& error) {
            ADD_FAILURE() << "the OpenID provider did not start: " << error.what();
        }
    }
    static void TearDownTestSuite() { provider.reset(); }
    void SetUp() override {
        ASSERT_NE(provider, nullptr);
        secretDir = makeTempDir("caseboard-oidc");
        secretFile = secretDir + "/client-secret";
        std::ofstream(secretFile) << provider->options().clientSecret << "\n";
        ServerTest::SetUp();
    }
    void TearDown() override {
        ServerTest::TearDown();
        if (!secretDir.empty()) removeTree(secretDir);
    }
    ServerOptions options() const override {
        // The provider sends the browser back to the registered address; the test then calls
        // the server's callback on its real port.
        return {
            {"--oidc-issuer", provider->issuer(), "--oidc-client-id", provider->options().clientId,
             "--oidc-client-secret-file", secretFile, "--oidc-role-map", "viewer=caseboard-viewers",
             "--oidc-role-map", "editor=caseboard-editors", "--oidc-role-map",
             "admin=caseboard-admins", "--public-url", "http://127.0.0.1:8000"},
            {}};
    }
    // The browser's round: the board's sign-in link, the provider, back to the callback.
    AuthorizationResponse throughProvider(const std::string& account) {
        auto start = http().get("/auth/oidc/login");
        EXPECT_EQ(start.status, 302) << describe(start);
        return signInAs(start.header("Location"), account);
    }
    HttpResponse callback(const AuthorizationResponse& answer) {
        return http().get("/auth/oidc/callback?code=" + urlEncode(answer.code) +
                          "&state=" + urlEncode(answer.state));
    }
    // The Caseboard token of a callback's 302 to /#access_token=…
    static std::string tokenOf(const HttpResponse& response) {
        const std::string prefix = "/#access_token=";
        auto location = response.header("Location");
        EXPECT_EQ(location.rfind(prefix, 0), 0u) << location;
        return location.rfind(prefix, 0) == 0 ? location.substr(prefix.size()) : std::string();
    }

    std::string secretDir;
    std::string secretFile;
    static inline std::unique_ptr<OidcProvider> provider;
};

TEST_F(OidcServerTest, TheBoardIsToldToOfferTheProvider) {
    auto config = http().get("/config");
    EXPECT_EQ(config.json().at("sign_in"), (boost::json::array{"password", "oidc"}));
}

TEST_F(OidcServerTest, ASignInOpensASessionWithTheRoleTheClaimGives) {
    auto back = callback(throughProvider("admin"));
    ASSERT_EQ(back.status, 302) << describe(back);
    auto token = tokenOf(back);
    auto me = http().get("/users/me", token);
    ASSERT_EQ(me.status, 200) << describe(me);
    EXPECT_EQ(str(me.json(), "role"), "admin");
    EXPECT_EQ(str(me.json(), "source"), "oidc");
    EXPECT_EQ(http().get("/cases/", token).status, 200);
    auto logins = http().get("/audit?action=login", token).json().as_array();
    ASSERT_FALSE(logins.empty());
    EXPECT_EQ(logins[0].at("changes").at("method"), "oidc");
    // Signing out ends it like any other session.
    EXPECT_EQ(http().postJson("/users/logout", boost::json::object{}, token).status, 204);
    EXPECT_EQ(http().get("/cases/", token).status, 401);
}

TEST_F(OidcServerTest, AReplayedCallbackOrAWrongStateOpensNoSession) {
    auto answer = throughProvider("nurse");
    auto first = callback(answer);
    ASSERT_EQ(first.status, 302) << describe(first);
    auto again = callback(answer);
    EXPECT_EQ(again.status, 400) << describe(again);
    EXPECT_TRUE(hasDetail(again));
    EXPECT_TRUE(again.header("Location").empty());
    auto forged = throughProvider("nurse");
    forged.state = "not-the-state";
    auto wrong = callback(forged);
    EXPECT_EQ(wrong.status, 400) << describe(wrong);
    auto missing = http().get("/auth/oidc/callback");
    EXPECT_EQ(missing.status, 400) << describe(missing);
}

TEST_F(OidcServerTest, NoMappedGroupIs403AndNoSession) {
    auto back = callback(throughProvider("visitor"));
    EXPECT_EQ(back.status, 403) << describe(back);
    EXPECT_TRUE(hasDetail(back));
    EXPECT_TRUE(back.header("Location").empty());
}

TEST_F(OidcServerTest, ADeactivatedAccountCannotComeBackThroughTheProvider) {
    const auto& admin = alice();  // a local admin (the first account)
    auto nurse = tokenOf(callback(throughProvider("nurse")));
    auto me = http().get("/users/me", nurse).json();
    ASSERT_EQ(http()
                  .patchJson("/users/" + str(me, "id"), boost::json::object{{"active", false}},
                             admin.token)
                  .status,
              200);
    EXPECT_EQ(http().get("/cases/", nurse).status, 401);
    EXPECT_EQ(callback(throughProvider("nurse")).status, 403);
}

}  // namespace
}  // namespace caseboard::it
