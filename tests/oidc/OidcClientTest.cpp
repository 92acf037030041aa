// OidcClient against a real OpenID provider (oidc-provider, tests/oidc/provider.mjs).
#include "OidcProvider.hpp"
#include "TestCertificate.hpp"

#include "auth/Base64Url.hpp"
#include "oidc/Discovery.hpp"
#include "oidc/HttpsClient.hpp"
#include "oidc/OidcClient.hpp"
#include "oidc/OidcError.hpp"
#include "oidc/Pkce.hpp"
#include "oidc/TokenEndpoint.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>

namespace caseboard::it {
namespace {

using namespace std::chrono_literals;
using domain::Role;
using oidc::OidcClient;
using oidc::OidcError;
using oidc::OidcSettings;

OidcSettings settingsFor(const OidcProvider& provider) {
    OidcSettings settings;
    settings.issuer = provider.issuer();
    settings.clientId = provider.options().clientId;
    settings.clientSecret = provider.options().clientSecret;
    settings.redirectUri = provider.options().redirectUri;
    settings.roleMap = {{Role::Admin, "caseboard-admins"},
                        {Role::Editor, "caseboard-editors"},
                        {Role::Viewer, "caseboard-viewers"}};
    return settings;
}

oidc::Identity signIn(OidcClient& client, const std::string& account) {
    const AuthorizationResponse response = signInAs(client.beginLogin(), account);
    return client.finishLogin(response.code, response.state);
}

// The status of the OidcError `call` throws, or 0 if it throws none.
int statusOfFailure(const std::function<void()>& call) {
    try {
        call();
    } catch (const OidcError& error) {
        return error.status();
    }
    return 0;
}

std::map<std::string, std::string> queryOf(const std::string& url) {
    std::map<std::string, std::string> query;
    for (const auto& param : boost::urls::parse_absolute_uri(url)->params()) {
        query[param.key] = param.value;
    }
    return query;
}

// A sign-in made by hand, for what OidcClient keeps to itself: the code verifier and the raw
// ID token.
struct ManualSignIn {
    explicit ManualSignIn(const OidcProvider& provider, const std::string& account)
        : http(""),
          discovery(http, provider.issuer()),
          tokens(http, provider.options().clientId, provider.options().clientSecret,
                 provider.options().redirectUri) {
        boost::urls::url url(discovery.metadata().authorizationEndpoint);
        url.params().append({"response_type", "code"});
        url.params().append({"scope", "openid email"});
        url.params().append({"client_id", provider.options().clientId});
        url.params().append({"redirect_uri", provider.options().redirectUri});
        url.params().append({"state", "state-by-hand"});
        url.params().append({"nonce", "nonce-by-hand"});
        url.params().append({"code_challenge", oidc::pkceChallenge(verifier)});
        url.params().append({"code_challenge_method", "S256"});
        code = signInAs(std::string(url.buffer()), account).code;
    }

    std::string exchange() {
        return tokens.exchange(discovery.metadata().tokenEndpoint, code, verifier).idToken;
    }

    std::string verifier = "a-code-verifier-of-at-least-43-characters-long-0123456789";
    oidc::HttpsClient http;
    oidc::Discovery discovery;
    oidc::TokenEndpoint tokens;
    std::string code;
};

class OidcClientTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { provider = std::make_unique<OidcProvider>(); }
    static void TearDownTestSuite() { provider.reset(); }

    static std::unique_ptr<OidcProvider> provider;
    OidcClient client{settingsFor(*provider)};
};

std::unique_ptr<OidcProvider> OidcClientTest::provider;

TEST_F(OidcClientTest, EachAccountGetsItsEmailAndRole) {
    const oidc::Identity admin = signIn(client, "admin");
    EXPECT_EQ(admin.subject, "u-1001");
    EXPECT_EQ(admin.email, "admin@hospital.test");
    EXPECT_EQ(admin.role, Role::Admin) << "in the admin and editor groups: admin comes first";

    const oidc::Identity nurse = signIn(client, "nurse");
    EXPECT_EQ(nurse.email, "nurse@hospital.test") << "the provider says Nurse@Hospital.Test";
    EXPECT_EQ(nurse.role, Role::Editor);

    const oidc::Identity porter = signIn(client, "porter");
    EXPECT_EQ(porter.email, "porter@hospital.test");
    EXPECT_EQ(porter.role, Role::Viewer) << "groups is a single string for this account";
}

TEST_F(OidcClientTest, NoMappedGroupGivesNoRole) {
    const oidc::Identity visitor = signIn(client, "visitor");
    EXPECT_EQ(visitor.email, "visitor@hospital.test");
    EXPECT_FALSE(visitor.role);
}

TEST_F(OidcClientTest, RolesAreCheckedAdminFirstWhateverTheMapOrder) {
    OidcSettings settings = settingsFor(*provider);
    settings.roleMap = {{Role::Viewer, "caseboard-admins"},
                        {Role::Editor, "caseboard-editors"},
                        {Role::Admin, "theatres"}};
    OidcClient reordered(settings);
    EXPECT_EQ(signIn(reordered, "admin").role, Role::Editor);
    EXPECT_EQ(signIn(reordered, "nurse").role, Role::Admin);
}

TEST_F(OidcClientTest, TheRoleClaimIsConfigurable) {
    OidcSettings settings = settingsFor(*provider);
    settings.roleClaim = "email";
    settings.roleMap = {{Role::Viewer, "visitor@hospital.test"}};
    OidcClient byEmail(settings);
    EXPECT_EQ(signIn(byEmail, "visitor").role, Role::Viewer);
    EXPECT_FALSE(signIn(byEmail, "admin").role);
}

TEST_F(OidcClientTest, TheAuthorizationUrlAsksForACodeWithPkceStateAndNonce) {
    const std::string url = client.beginLogin();
    EXPECT_TRUE(url.starts_with(provider->issuer() + "/auth?")) << url;
    auto query = queryOf(url);
    EXPECT_EQ(query["response_type"], "code");
    EXPECT_EQ(query["scope"], "openid email profile");
    EXPECT_EQ(query["client_id"], "caseboard");
    EXPECT_EQ(query["redirect_uri"], provider->options().redirectUri);
    EXPECT_EQ(query["code_challenge_method"], "S256");
    EXPECT_EQ(query["code_challenge"].size(), 43u);
    EXPECT_EQ(query["state"].size(), 43u);
    EXPECT_EQ(query["nonce"].size(), 43u);
    EXPECT_NE(query["state"], query["nonce"]);
    EXPECT_NE(queryOf(client.beginLogin())["state"], query["state"]);
}

TEST_F(OidcClientTest, AnUnknownStateIs400) {
    const AuthorizationResponse response = signInAs(client.beginLogin(), "admin");
    EXPECT_EQ(statusOfFailure([&] { client.finishLogin(response.code, "not-our-state"); }), 400);
    EXPECT_EQ(statusOfFailure([&] { client.finishLogin(response.code, ""); }), 400);
}

TEST_F(OidcClientTest, AStateServesOneSignIn) {
    const AuthorizationResponse response = signInAs(client.beginLogin(), "admin");
    client.finishLogin(response.code, response.state);
    EXPECT_EQ(statusOfFailure([&] { client.finishLogin(response.code, response.state); }), 400);
}

TEST_F(OidcClientTest, AnotherClientsStateIs400) {
    OidcClient other(settingsFor(*provider));
    const AuthorizationResponse response = signInAs(other.beginLogin(), "admin");
    EXPECT_EQ(statusOfFailure([&] { client.finishLogin(response.code, response.state); }), 400);
}

TEST_F(OidcClientTest, AReplayedCodeIs401) {
    const AuthorizationResponse first = signInAs(client.beginLogin(), "admin");
    client.finishLogin(first.code, first.state);
    const std::string state = queryOf(client.beginLogin())["state"];
    EXPECT_EQ(statusOfFailure([&] { client.finishLogin(first.code, state); }), 401);
}

TEST_F(OidcClientTest, TheProviderRefusesASecondUseOfACodeAsInvalidGrant) {
    ManualSignIn signIn(*provider, "admin");
    EXPECT_FALSE(signIn.exchange().empty());
    try {
        signIn.exchange();
        FAIL() << "the code was accepted twice";
    } catch (const OidcError& error) {
        EXPECT_EQ(error.status(), 401);
        EXPECT_NE(std::string(error.what()).find("invalid_grant"), std::string::npos)
            << error.what();
    }
}

TEST_F(OidcClientTest, AProviderErrorIs401AndUsesTheStateUp) {
    const std::string state = queryOf(client.beginLogin())["state"];
    EXPECT_EQ(statusOfFailure([&] { client.finishLogin("", state); }), 401);
    EXPECT_EQ(statusOfFailure([&] { client.finishLogin("", state); }), 400);
}

TEST_F(OidcClientTest, AnUnverifiedOrMissingEmailIs401) {
    EXPECT_EQ(statusOfFailure([&] { signIn(client, "unverified"); }), 401);
    EXPECT_EQ(statusOfFailure([&] { signIn(client, "nameless"); }), 401);
}

TEST_F(OidcClientTest, AWrongClientSecretIs401) {
    OidcSettings settings = settingsFor(*provider);
    settings.clientSecret = "not-the-secret";
    OidcClient impostor(settings);
    EXPECT_EQ(statusOfFailure([&] { signIn(impostor, "admin"); }), 401);
}

TEST_F(OidcClientTest, TheIssuerMustBeTheOneDiscoveryNames) {
    OidcSettings settings = settingsFor(*provider);
    settings.issuer = "http://localhost:" + std::to_string(provider->port());
    OidcClient misnamed(settings);
    EXPECT_EQ(statusOfFailure([&] { misnamed.beginLogin(); }), 503);
}

TEST(OidcClientSettingsTest, AnHttpIssuerBeyondLoopbackIsRefused) {
    OidcSettings settings;
    settings.clientId = "caseboard";
    for (const char* issuer : {"http://login.hospital.test", "http://10.1.2.3:8080",
                               "http://127.0.0.1.example.test", "ftp://login.hospital.test"}) {
        settings.issuer = issuer;
        EXPECT_THROW(OidcClient{settings}, OidcError) << issuer;
    }
    settings.issuer = "https://login.hospital.test/tenant/v2.0";
    EXPECT_NO_THROW(OidcClient{settings});
}

TEST(OidcProviderDownTest, AnUnreachableProviderIs503WithinTheTimeout) {
    auto provider = std::make_unique<OidcProvider>();
    OidcClient client(settingsFor(*provider));
    const AuthorizationResponse response = signInAs(client.beginLogin(), "admin");
    const OidcSettings settings = settingsFor(*provider);
    provider->stop();

    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(statusOfFailure([&] { client.finishLogin(response.code, response.state); }), 503);
    OidcClient fresh(settings);
    EXPECT_EQ(statusOfFailure([&] { fresh.beginLogin(); }), 503);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
}

TEST(OidcEs256Test, SignInWithEs256IdTokens) {
    ProviderOptions options;
    options.signingAlg = "ES256";
    OidcProvider provider(options);

    const std::string idToken = ManualSignIn(provider, "nurse").exchange();
    const auto header = auth::base64UrlDecode(idToken.substr(0, idToken.find('.')));
    ASSERT_TRUE(header);
    EXPECT_EQ(boost::json::parse(*header).at("alg").as_string(), "ES256");

    OidcClient client(settingsFor(provider));
    const oidc::Identity nurse = signIn(client, "nurse");
    EXPECT_EQ(nurse.email, "nurse@hospital.test");
    EXPECT_EQ(nurse.role, Role::Editor);
}

TEST(OidcUserInfoTest, ClaimsMissingFromTheIdTokenComeFromUserInfo) {
    ProviderOptions options;
    options.claimsInUserInfoOnly = true;
    OidcProvider provider(options);

    const std::string idToken = ManualSignIn(provider, "nurse").exchange();
    const auto payload = auth::base64UrlDecode(
        idToken.substr(idToken.find('.') + 1, idToken.rfind('.') - idToken.find('.') - 1));
    ASSERT_TRUE(payload);
    EXPECT_FALSE(boost::json::parse(*payload).as_object().contains("email"));

    OidcClient client(settingsFor(provider));
    const oidc::Identity nurse = signIn(client, "nurse");
    EXPECT_EQ(nurse.subject, "u-1002");
    EXPECT_EQ(nurse.email, "nurse@hospital.test");
    EXPECT_EQ(nurse.role, Role::Editor);
    EXPECT_EQ(statusOfFailure([&] { signIn(client, "unverified"); }), 401);
}

TEST(OidcRedirectTest, TheRedirectUriMayMovePortOnlyWhenTheProviderAllowsIt) {
    ProviderOptions options;
    options.redirectAnyPort = true;
    OidcProvider anyPort(options);
    OidcSettings settings = settingsFor(anyPort);
    settings.redirectUri = "http://127.0.0.1:45678/auth/oidc/callback";
    OidcClient client(settings);
    EXPECT_EQ(signIn(client, "admin").role, Role::Admin);
    settings.redirectUri = "http://127.0.0.1:45678/elsewhere";
    OidcClient elsewhere(settings);
    EXPECT_THROW(signInAs(elsewhere.beginLogin(), "admin"), std::runtime_error);

    OidcProvider exact;
    OidcSettings exactSettings = settingsFor(exact);
    exactSettings.redirectUri = "http://127.0.0.1:45678/auth/oidc/callback";
    OidcClient moved(exactSettings);
    EXPECT_THROW(signInAs(moved.beginLogin(), "admin"), std::runtime_error);
}

OidcSettings overTls(const OidcProvider& provider, const std::string& caFile) {
    OidcSettings settings = settingsFor(provider);
    settings.caFile = caFile;
    return settings;
}

TEST(OidcTlsTest, AnHttpsProviderIsTrustedThroughTheCaFile) {
    const TestCertificate certificate("localhost");
    ProviderOptions options;
    options.tlsCertificateFile = certificate.certificateFile();
    options.tlsKeyFile = certificate.keyFile();
    OidcProvider provider(options);

    OidcClient trusting(overTls(provider, certificate.certificateFile()));
    EXPECT_TRUE(trusting.beginLogin().starts_with(provider.issuer() + "/auth?"));
    OidcClient systemStore(overTls(provider, ""));
    EXPECT_EQ(statusOfFailure([&] { systemStore.beginLogin(); }), 503);
}

TEST(OidcTlsTest, ACertificateForAnotherNameIsRefused) {
    const TestCertificate certificate("login.hospital.test");
    ProviderOptions options;
    options.tlsCertificateFile = certificate.certificateFile();
    options.tlsKeyFile = certificate.keyFile();
    OidcProvider provider(options);

    OidcClient client(overTls(provider, certificate.certificateFile()));
    EXPECT_EQ(statusOfFailure([&] { client.beginLogin(); }), 503);
}

}  // namespace
}  // namespace caseboard::it
