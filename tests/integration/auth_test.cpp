// GET /users/me and bearer-token checks (missing, tampered, forged, expired).
#include "harness/ServerTest.hpp"

#include "harness/Jwt.hpp"

#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace caseboard::it {
namespace {

using boost::json::object;

void expectUnauthorized(const HttpResponse& response, const std::string& what) {
    EXPECT_EQ(response.status, 401) << what << ": " << describe(response);
    EXPECT_EQ(response.header("WWW-Authenticate").rfind("Bearer", 0), 0u)
        << what << ": " << describe(response);
    EXPECT_TRUE(hasDetail(response)) << what;
}

class MeTest : public ServerTest {
  protected:
    // The secret the server signs with, read from the file beside the database.
    std::string secret() {
        std::ifstream in(server().databasePath() + ".jwt-secret", std::ios::binary);
        std::ostringstream out;
        out << in.rdbuf();
        return out.str();
    }
    // True if signing the header+payload of `token` with secret() gives the same token, i.e. this
    // harness can forge tokens exactly as the server makes them.
    bool canForge(const std::string& token) {
        return Jwt::sign(Jwt::header(token), Jwt::payload(token), secret()) == token;
    }
};

TEST_F(MeTest, WithTokenReturnsTheUserAsRegistered) {
    const std::string email = uniqueEmail("me");
    const auto registered = users().registerUser(email, "s3cret-passw0rd");
    ASSERT_EQ(registered.status, 201);
    const auto me = http().get("/users/me", users().token(email, "s3cret-passw0rd"));
    ASSERT_EQ(me.status, 200) << describe(me);
    EXPECT_EQ(str(me.json(), "id"), str(registered.json(), "id"));
    EXPECT_EQ(str(me.json(), "email"), email);
    EXPECT_EQ(str(me.json(), "created_at"), str(registered.json(), "created_at"));
    EXPECT_FALSE(me.json().as_object().contains("password"));
    EXPECT_EQ(me.header("Cache-Control"), "no-store");
}

TEST_F(MeTest, WithoutTokenIs401) {
    expectUnauthorized(http().get("/users/me"), "no Authorization header");
}

TEST_F(MeTest, WithGarbageTokenIs401) {
    expectUnauthorized(http().get("/users/me", "not-a-jwt"), "garbage token");
    expectUnauthorized(http().get("/users/me", "a.b.c"), "three garbage parts");
}

TEST_F(MeTest, WithOtherAuthorizationSchemeIs401) {
    const auto response =
        http().get("/users/me", "", {{"Authorization", "Basic " + alice().token}});
    expectUnauthorized(response, "Basic scheme");
}

TEST_F(MeTest, WithTamperedSignatureIs401) {
    expectUnauthorized(http().get("/users/me", Jwt::tamperSignature(alice().token)),
                       "tampered signature");
}

TEST_F(MeTest, WithTamperedPayloadIs401) {
    auto payload = Jwt::payload(alice().token);
    const auto bob = users().create("bob");
    payload["sub"] = bob.id;
    payload["email"] = bob.email;
    expectUnauthorized(http().get("/users/me", Jwt::replacePayload(alice().token, payload)),
                       "payload swapped");
}

TEST_F(MeTest, WithAlgNoneTokenIs401) {
    object header{{"alg", "none"}, {"typ", "JWT"}};
    const std::string token = Jwt::sign(header, Jwt::payload(alice().token), "");
    expectUnauthorized(http().get("/users/me", token), "alg none");
}

TEST_F(MeTest, WithTokenSignedByAnotherKeyIs401) {
    const std::string token = Jwt::sign(Jwt::header(alice().token), Jwt::payload(alice().token),
                                        "not the server's secret at all!");
    expectUnauthorized(http().get("/users/me", token), "foreign key");
}

TEST_F(MeTest, SecretFileIsCreatedBesideTheDatabaseWithMode0600) {
    (void)alice();
    struct stat info {};
    ASSERT_EQ(::stat((server().databasePath() + ".jwt-secret").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(MeTest, WithTokenSignedWithHs512IsRefusedEvenWithTheRightKey) {
    if (!canForge(alice().token)) {
        GTEST_SKIP() << "the secret file is not the raw HMAC key; cannot forge with it";
    }
    object header{{"alg", "HS512"}, {"typ", "JWT"}};
    const std::string token = Jwt::sign(header, Jwt::payload(alice().token), secret());
    expectUnauthorized(http().get("/users/me", token), "HS512");
}

TEST_F(MeTest, WithExpiredTokenSignedWithTheRightKeyIs401) {
    if (!canForge(alice().token)) {
        GTEST_SKIP() << "the secret file is not the raw HMAC key; cannot forge with it";
    }
    auto payload = Jwt::payload(alice().token);
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    payload["iat"] = now - 7200;
    payload["exp"] = now - 3600;
    const std::string token = Jwt::sign(Jwt::header(alice().token), payload, secret());
    expectUnauthorized(http().get("/users/me", token), "expired an hour ago");
}

std::int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

TEST_F(MeTest, TokenValidForLongerThanTheConfiguredLifetimeIs401) {
    if (!canForge(alice().token)) {
        GTEST_SKIP() << "the secret file is not the raw HMAC key; cannot forge with it";
    }
    auto payload = Jwt::payload(alice().token);
    const auto now = unixNow();
    payload["iat"] = now;
    payload["exp"] = now + 43200;  // the default lifetime: still fine
    const auto fine =
        http().get("/users/me", Jwt::sign(Jwt::header(alice().token), payload, secret()));
    EXPECT_EQ(fine.status, 200) << describe(fine);
    payload["exp"] = now + 43200 + 3600;
    const std::string longer = Jwt::sign(Jwt::header(alice().token), payload, secret());
    expectUnauthorized(http().get("/users/me", longer), "an hour longer than the lifetime");
    expectUnauthorized(http().get("/users/me", longer), "the same token again");
    payload["exp"] = std::int64_t{253402300799};  // 9999-12-31T23:59:59Z
    expectUnauthorized(
        http().get("/users/me", Jwt::sign(Jwt::header(alice().token), payload, secret())),
        "expiring in the year 9999");
}

TEST_F(MeTest, TokenIssuedInTheFutureIs401) {
    if (!canForge(alice().token)) {
        GTEST_SKIP() << "the secret file is not the raw HMAC key; cannot forge with it";
    }
    auto payload = Jwt::payload(alice().token);
    const auto now = unixNow();
    payload["iat"] = now + 30;  // within the clock skew allowed between instances
    payload["exp"] = now + 30 + 3600;
    const auto skewed =
        http().get("/users/me", Jwt::sign(Jwt::header(alice().token), payload, secret()));
    EXPECT_EQ(skewed.status, 200) << describe(skewed);
    payload["iat"] = now + 3600;
    payload["exp"] = now + 3600 + 3600;
    const std::string future = Jwt::sign(Jwt::header(alice().token), payload, secret());
    expectUnauthorized(http().get("/users/me", future), "issued an hour from now");
    expectUnauthorized(http().get("/users/me", future), "the same token again");
}

TEST_F(MeTest, CasesEndpointsWithoutTokenAre401) {
    const std::string id = randomUuidV4();
    expectUnauthorized(http().get("/cases/"), "GET /cases/");
    expectUnauthorized(http().postJson("/cases/", object{{"name", "x"}, {"section", "s"}}),
                       "POST /cases/");
    expectUnauthorized(http().get("/cases/" + id), "GET /cases/{id}");
    expectUnauthorized(http().patchJson("/cases/" + id, object{}), "PATCH /cases/{id}");
    expectUnauthorized(http().del("/cases/" + id), "DELETE /cases/{id}");
    expectUnauthorized(http().postJson("/cases/reorder", object{{"moves", boost::json::array{}}}),
                       "POST /cases/reorder");
}

class ShortTokenTest : public ServerTest {
  protected:
    ServerOptions options() const override { return {{"--token-ttl", "1"}, {}}; }
};

TEST_F(ShortTokenTest, TokenExpiresAfterItsLifetime) {
    const std::string token = alice().token;
    const auto payload = Jwt::payload(token);
    ASSERT_TRUE(payload.contains("exp") && payload.contains("iat"));
    EXPECT_EQ(
        payload.at("exp").to_number<std::int64_t>() - payload.at("iat").to_number<std::int64_t>(),
        1);
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    expectUnauthorized(http().get("/users/me", token), "expired token");
    expectUnauthorized(http().get("/cases/", token), "expired token on /cases/");
}

}  // namespace
}  // namespace caseboard::it
