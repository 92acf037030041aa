// POST /users/register and POST /users/login.
#include "harness/ServerTest.hpp"

#include "harness/Jwt.hpp"

namespace caseboard::it {
namespace {

using boost::json::object;

class UsersTest : public ServerTest {};

TEST_F(UsersTest, RegisterReturns201WithIdEmailAndCreatedAt) {
    const std::string email = uniqueEmail("reg");
    const auto response = users().registerUser(email, "s3cret-passw0rd");
    ASSERT_EQ(response.status, 201) << describe(response);
    EXPECT_EQ(response.header("Content-Type").rfind("application/json", 0), 0u);
    const auto body = response.json();
    ASSERT_TRUE(body.is_object()) << response.body;
    EXPECT_TRUE(isUuidV4(str(body, "id"))) << response.body;
    EXPECT_EQ(str(body, "email"), email);
    EXPECT_TRUE(isRfc3339Utc(str(body, "created_at"))) << response.body;
}

TEST_F(UsersTest, RegisterNeverReturnsThePasswordOrItsHash) {
    const auto response = users().registerUser(uniqueEmail("reg"), "s3cret-passw0rd");
    ASSERT_EQ(response.status, 201) << describe(response);
    EXPECT_EQ(response.body.find("s3cret-passw0rd"), std::string::npos);
    EXPECT_EQ(response.body.find("argon2"), std::string::npos);
    const auto json = response.json();
    ASSERT_TRUE(json.is_object());
    const auto& body = json.as_object();
    for (const char* key : {"password", "hashed_password", "password_hash", "hash"}) {
        EXPECT_FALSE(body.contains(key)) << key;
    }
}

TEST_F(UsersTest, RegisterTrimsAndLowerCasesTheEmail) {
    const std::string local = "Mixed.Case-" + uniqueSuffix();
    const auto response = users().registerUser("  " + local + "@Example.COM  ", "s3cret-passw0rd");
    ASSERT_EQ(response.status, 201) << describe(response);
    std::string expected = local + "@example.com";
    for (auto& c : expected) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    EXPECT_EQ(str(response.json(), "email"), expected);
}

TEST_F(UsersTest, RegisterSameEmailTwiceIs409) {
    const std::string email = uniqueEmail("dup");
    ASSERT_EQ(users().registerUser(email, "s3cret-passw0rd").status, 201);
    const auto again = users().registerUser(email, "another-passw0rd");
    EXPECT_EQ(again.status, 409) << describe(again);
    EXPECT_TRUE(hasDetail(again));
}

TEST_F(UsersTest, RegisterSameEmailWithOtherCaseIs409) {
    const std::string email = uniqueEmail("dup");
    ASSERT_EQ(users().registerUser(email, "s3cret-passw0rd").status, 201);
    std::string upper = email;
    for (auto& c : upper) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    const auto again = users().registerUser(" " + upper, "another-passw0rd");
    EXPECT_EQ(again.status, 409) << describe(again);
}

TEST_F(UsersTest, RegisterWithInvalidEmailIs422) {
    for (const std::string bad :
         {"not-an-email", "a@", "@example.com", "", "two@@example.com", "spa ce@example.com"}) {
        const auto response = users().registerUser(bad, "s3cret-passw0rd");
        EXPECT_EQ(response.status, 422) << "email '" << bad << "': " << describe(response);
        const auto locs = errorLocations(response.json());
        EXPECT_NE(std::find(locs.begin(), locs.end(), "body.email"), locs.end()) << response.body;
    }
}

TEST_F(UsersTest, RegisterWithEmailLongerThan254CharsIs422) {
    const std::string email =
        std::string(64, 'a') + "@" + std::string(180, 'b') + ".example.com";  // 257 chars
    ASSERT_GT(email.size(), 254u);
    const auto response = users().registerUser(email, "s3cret-passw0rd");
    EXPECT_EQ(response.status, 422) << describe(response);
}

TEST_F(UsersTest, RegisterWithPasswordShorterThan8Is422) {
    const auto response = users().registerUser(uniqueEmail("short"), "1234567");
    ASSERT_EQ(response.status, 422) << describe(response);
    const auto locs = errorLocations(response.json());
    EXPECT_NE(std::find(locs.begin(), locs.end(), "body.password"), locs.end()) << response.body;
    EXPECT_EQ(response.body.find("1234567"), std::string::npos) << "the password is echoed back";
}

TEST_F(UsersTest, RegisterPasswordLengthBoundsAre8And1024) {
    EXPECT_EQ(users().registerUser(uniqueEmail("pw8"), "12345678").status, 201);
    EXPECT_EQ(users().registerUser(uniqueEmail("pw1024"), std::string(1024, 'p')).status, 201);
    const auto tooLong = users().registerUser(uniqueEmail("pw1025"), std::string(1025, 'p'));
    EXPECT_EQ(tooLong.status, 422) << describe(tooLong);
}

TEST_F(UsersTest, RegisterWithMissingFieldsIs422) {
    const auto noPassword = http().postJson("/users/register", object{{"email", uniqueEmail()}});
    EXPECT_EQ(noPassword.status, 422) << describe(noPassword);
    const auto noEmail =
        http().postJson("/users/register", object{{"password", "s3cret-passw0rd"}});
    EXPECT_EQ(noEmail.status, 422) << describe(noEmail);
    const auto locs = errorLocations(noEmail.json());
    EXPECT_NE(std::find(locs.begin(), locs.end(), "body.email"), locs.end()) << noEmail.body;
}

TEST_F(UsersTest, LoginWithJsonReturnsBearerToken) {
    const std::string email = uniqueEmail("login");
    ASSERT_EQ(users().registerUser(email, "s3cret-passw0rd").status, 201);
    const auto response = users().login(email, "s3cret-passw0rd");
    ASSERT_EQ(response.status, 200) << describe(response);
    const auto body = response.json();
    EXPECT_EQ(str(body, "token_type"), "bearer");
    EXPECT_FALSE(str(body, "access_token").empty());
    EXPECT_EQ(response.header("Cache-Control"), "no-store");
}

TEST_F(UsersTest, LoginTokenIsHs256JwtWithSubEmailIatExp) {
    const std::string email = uniqueEmail("jwt");
    const auto registered = users().registerUser(email, "s3cret-passw0rd");
    ASSERT_EQ(registered.status, 201);
    const std::string token = users().token(email, "s3cret-passw0rd");
    const auto header = Jwt::header(token);
    const auto payload = Jwt::payload(token);
    EXPECT_EQ(header.contains("alg") ? std::string(header.at("alg").as_string()) : "", "HS256");
    EXPECT_EQ(payload.contains("sub") ? std::string(payload.at("sub").as_string()) : "",
              str(registered.json(), "id"));
    EXPECT_EQ(payload.contains("email") ? std::string(payload.at("email").as_string()) : "", email);
    ASSERT_TRUE(payload.contains("iat") && payload.contains("exp"))
        << boost::json::serialize(payload);
    EXPECT_EQ(
        payload.at("exp").to_number<std::int64_t>() - payload.at("iat").to_number<std::int64_t>(),
        43200)
        << "default token lifetime is 12 h";
}

TEST_F(UsersTest, LoginWithOAuth2FormReturnsBearerToken) {
    const std::string email = uniqueEmail("form");
    ASSERT_EQ(users().registerUser(email, "s3cret-passw0rd").status, 201);
    const auto response = users().loginForm(email, "s3cret-passw0rd");
    ASSERT_EQ(response.status, 200) << describe(response);
    EXPECT_EQ(str(response.json(), "token_type"), "bearer");
    const std::string token = str(response.json(), "access_token");
    EXPECT_EQ(http().get("/users/me", token).status, 200);
}

TEST_F(UsersTest, LoginWithFullOAuth2FormAsSwaggerSendsIt) {
    const std::string email = uniqueEmail("swagger");
    ASSERT_EQ(users().registerUser(email, "s3cret-passw0rd").status, 201);
    const auto response = http().sendBody("POST", "/users/login",
                                          "grant_type=password&username=" + urlEncode(email) +
                                              "&password=" + urlEncode("s3cret-passw0rd") +
                                              "&scope=&client_id=&client_secret=",
                                          "", "application/x-www-form-urlencoded");
    ASSERT_EQ(response.status, 200) << describe(response);
    EXPECT_EQ(str(response.json(), "token_type"), "bearer");
}

TEST_F(UsersTest, WrongPasswordAndUnknownEmailGiveTheSame401) {
    const std::string email = uniqueEmail("enum");
    ASSERT_EQ(users().registerUser(email, "s3cret-passw0rd").status, 201);
    const auto wrongPassword = users().login(email, "wrong-password");
    const auto unknownEmail = users().login(uniqueEmail("nobody"), "wrong-password");
    ASSERT_EQ(wrongPassword.status, 401) << describe(wrongPassword);
    ASSERT_EQ(unknownEmail.status, 401) << describe(unknownEmail);
    EXPECT_EQ(wrongPassword.body, unknownEmail.body);
    EXPECT_TRUE(hasDetail(wrongPassword));
    EXPECT_EQ(wrongPassword.header("WWW-Authenticate").rfind("Bearer", 0), 0u)
        << describe(wrongPassword);
    EXPECT_EQ(unknownEmail.header("WWW-Authenticate").rfind("Bearer", 0), 0u)
        << describe(unknownEmail);
}

TEST_F(UsersTest, UnknownEmailTakesAboutAsLongAsWrongPassword) {
    // No user enumeration by timing: an unknown e-mail must not be answered much faster than a
    // known one with a wrong password (which costs a password hash check). A different e-mail
    // per attempt keeps throttling out of the way.
    auto timeLogin = [&](const std::string& email) {
        const auto start = std::chrono::steady_clock::now();
        EXPECT_EQ(users().login(email, "wrong-password").status, 401);
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count();
    };
    std::vector<double> known;
    std::vector<double> unknown;
    for (int i = 0; i < 5; ++i) {
        const std::string email = uniqueEmail("timing");
        ASSERT_EQ(users().registerUser(email, "s3cret-passw0rd").status, 201);
        known.push_back(timeLogin(email));
        unknown.push_back(timeLogin(uniqueEmail("nobody")));
    }
    std::sort(known.begin(), known.end());
    std::sort(unknown.begin(), unknown.end());
    EXPECT_GT(unknown[2], known[2] * 0.3) << "median unknown-e-mail login " << unknown[2]
                                          << " ms vs wrong-password login " << known[2] << " ms";
}

TEST_F(UsersTest, WrongPasswordWithFormIs401) {
    const std::string email = uniqueEmail("formbad");
    ASSERT_EQ(users().registerUser(email, "s3cret-passw0rd").status, 201);
    const auto response = users().loginForm(email, "wrong-password");
    EXPECT_EQ(response.status, 401) << describe(response);
}

TEST_F(UsersTest, LoginWithMissingPasswordIs422) {
    const auto response = http().postJson("/users/login", object{{"email", uniqueEmail()}});
    EXPECT_EQ(response.status, 422) << describe(response);
    EXPECT_TRUE(hasDetail(response));
}

TEST_F(UsersTest, SixthFailedLoginWithinWindowIs429WithRetryAfter) {
    const std::string email = uniqueEmail("throttle");
    ASSERT_EQ(users().registerUser(email, "s3cret-passw0rd").status, 201);
    for (int attempt = 1; attempt <= 5; ++attempt) {
        const auto response = users().login(email, "wrong-password");
        ASSERT_EQ(response.status, 401) << "attempt " << attempt << ": " << describe(response);
    }
    const auto sixth = users().login(email, "wrong-password");
    ASSERT_EQ(sixth.status, 429) << describe(sixth);
    EXPECT_TRUE(hasDetail(sixth));
    const std::string retryAfter = sixth.header("Retry-After");
    ASSERT_FALSE(retryAfter.empty()) << describe(sixth);
    EXPECT_GT(std::stol(retryAfter), 0);
    EXPECT_LE(std::stol(retryAfter), 15 * 60);
}

TEST_F(UsersTest, ThrottlingIsPerEmail) {
    const std::string throttled = uniqueEmail("throttled");
    const std::string other = uniqueEmail("other");
    ASSERT_EQ(users().registerUser(throttled, "s3cret-passw0rd").status, 201);
    ASSERT_EQ(users().registerUser(other, "s3cret-passw0rd").status, 201);
    for (int attempt = 0; attempt < 6; ++attempt) {
        (void)users().login(throttled, "wrong-password");
    }
    EXPECT_EQ(users().login(throttled, "wrong-password").status, 429);
    EXPECT_EQ(users().login(other, "s3cret-passw0rd").status, 200);
}

TEST_F(UsersTest, ThrottlingAppliesToUnknownEmailsToo) {
    const std::string email = uniqueEmail("ghost");
    for (int attempt = 0; attempt < 5; ++attempt) {
        ASSERT_EQ(users().login(email, "wrong-password").status, 401);
    }
    EXPECT_EQ(users().login(email, "wrong-password").status, 429);
}

// --- the client's address behind a proxy -----------------------------------------------------

// A sign-in as a proxy forwards it for `client`.
HttpResponse loginFor(unsigned short port, const std::string& client, const std::string& email,
                      const std::string& password) {
    return HttpClient(port).postJson("/users/login",
                                     object{{"email", email}, {"password", password}}, "",
                                     {{"X-Forwarded-For", client}});
}

// Five wrong passwords for `email` from `client` (as a proxy names it), each answered 401.
void failSignIns(unsigned short port, const std::string& client, const std::string& email) {
    for (int attempt = 1; attempt <= 5; ++attempt) {
        const auto response = loginFor(port, client, email, "wrong-password");
        ASSERT_EQ(response.status, 401) << "attempt " << attempt << ": " << describe(response);
    }
}

class TrustedProxyTest : public ServerTest {
  protected:
    ServerOptions options() const override { return {{"--trusted-proxy", "127.0.0.1"}, {}}; }
};

TEST_F(TrustedProxyTest, FailedSignInsAreCountedPerForwardedClient) {
    const std::string email = uniqueEmail("proxied");
    ASSERT_EQ(users().registerUser(email, "s3cret-passw0rd").status, 201);
    ASSERT_NO_FATAL_FAILURE(failSignIns(port(), "203.0.113.7", email));
    EXPECT_EQ(loginFor(port(), "203.0.113.7", email, "wrong-password").status, 429);
    // What a client writes left of the proxy's entry changes nothing.
    EXPECT_EQ(loginFor(port(), "198.51.100.1, 203.0.113.7", email, "s3cret-passw0rd").status, 429);
    // Another client behind the same proxy is not held back by the first one's failures.
    EXPECT_EQ(loginFor(port(), "203.0.113.8", email, "wrong-password").status, 401);
    EXPECT_EQ(loginFor(port(), "203.0.113.8", email, "s3cret-passw0rd").status, 200);
    EXPECT_TRUE(server().waitForLog("203.0.113.8 POST /users/login 200", std::chrono::seconds(5)))
        << "the access log names the forwarded client";
}

class TrustedProxyFromEnvironmentTest : public ServerTest {
  protected:
    ServerOptions options() const override {
        return {{}, {{"CASEBOARD_TRUSTED_PROXIES", "::1, 127.0.0.1"}}};
    }
};

TEST_F(TrustedProxyFromEnvironmentTest, TheVariableNamesTheProxies) {
    EXPECT_EQ(loginFor(port(), "203.0.113.9", uniqueEmail("env"), "wrong-password").status, 401);
    EXPECT_TRUE(server().waitForLog("203.0.113.9 POST /users/login 401", std::chrono::seconds(5)));
}

TEST_F(UsersTest, ForwardedForFromAnUntrustedPeerChangesNothing) {
    const std::string email = uniqueEmail("spoofer");
    ASSERT_EQ(users().registerUser(email, "s3cret-passw0rd").status, 201);
    ASSERT_NO_FATAL_FAILURE(failSignIns(port(), "203.0.113.7", email));
    EXPECT_EQ(loginFor(port(), "203.0.113.8", email, "s3cret-passw0rd").status, 429);
    EXPECT_EQ(users().login(email, "s3cret-passw0rd").status, 429);
    EXPECT_FALSE(server().waitForLog("203.0.113.", std::chrono::milliseconds(300)))
        << "the access log believed a header from an untrusted peer";
}

// --- registration policy -------------------------------------------------------------------

class ClosedRegistrationTest : public ServerTest {
  protected:
    ServerOptions options() const override { return {{"--registration", "closed"}, {}}; }
};

TEST_F(ClosedRegistrationTest, RegisterIs403) {
    const auto response = users().registerUser(uniqueEmail("closed"), "s3cret-passw0rd");
    EXPECT_EQ(response.status, 403) << describe(response);
    EXPECT_TRUE(hasDetail(response));
}

class DomainRegistrationTest : public ServerTest {
  protected:
    ServerOptions options() const override {
        return {{"--registration", "domain:a.org,b.org"}, {}};
    }
};

TEST_F(DomainRegistrationTest, AllowedDomainsCanRegister) {
    EXPECT_EQ(users().registerUser("x-" + uniqueSuffix() + "@a.org", "s3cret-passw0rd").status,
              201);
    EXPECT_EQ(users().registerUser("y-" + uniqueSuffix() + "@B.ORG", "s3cret-passw0rd").status,
              201);
}

TEST_F(DomainRegistrationTest, OtherDomainsAre403) {
    for (const std::string& email :
         {"z-" + uniqueSuffix() + "@c.org", "z-" + uniqueSuffix() + "@a.org.evil.com",
          "z-" + uniqueSuffix() + "@evila.org"}) {
        const auto response = users().registerUser(email, "s3cret-passw0rd");
        EXPECT_EQ(response.status, 403) << email << ": " << describe(response);
    }
}

}  // namespace
}  // namespace caseboard::it
