#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "auth/Base64Url.hpp"
#include "auth/TokenService.hpp"

using namespace caseboard::auth;

namespace {

const std::string kSecret(32, 'k');
constexpr std::int64_t kNow = 1'750'000'000;

TokenService service(std::chrono::seconds ttl = std::chrono::seconds(3600)) {
    return TokenService(kSecret, ttl);
}

// A token with the given header and claims, signed (or not) by someone else's rules.
std::string forge(std::string_view header, std::string_view claims, std::string_view signature) {
    return base64UrlEncode(header) + "." + base64UrlEncode(claims) + "." +
           base64UrlEncode(signature);
}

}  // namespace

TEST(TokenService, IssuesTokensItAccepts) {
    auto tokens = service();
    auto token = tokens.issueAt("user-1", "a@example.org", "session-1", kNow);
    auto claims = tokens.verifyAt(token, kNow + 10);
    ASSERT_TRUE(claims);
    EXPECT_EQ(claims->userId, "user-1");
    EXPECT_EQ(claims->email, "a@example.org");
    EXPECT_EQ(claims->issuedAt, kNow);
    EXPECT_EQ(claims->expiresAt, kNow + 3600);
}

TEST(TokenService, HeaderNamesHs256) {
    auto token = service().issueAt("u", "e@example.org", "session-1", kNow);
    auto header = base64UrlDecode(token.substr(0, token.find('.')));
    ASSERT_TRUE(header);
    EXPECT_EQ(boost::json::parse(*header).at("alg").as_string(), "HS256");
}

TEST(TokenService, RefusesExpiredTokens) {
    auto tokens = service();
    auto token = tokens.issueAt("u", "e@example.org", "session-1", kNow);
    EXPECT_TRUE(tokens.verifyAt(token, kNow + 3599));
    EXPECT_FALSE(tokens.verifyAt(token, kNow + 3600));
}

TEST(TokenService, RefusesTamperedClaims) {
    auto tokens = service();
    auto token = tokens.issueAt("u", "e@example.org", "session-1", kNow);
    auto first = token.find('.');
    auto second = token.find('.', first + 1);
    std::string claims =
        R"({"sub":"admin","email":"e@example.org","iat":1750000000,"exp":1750003600})";
    std::string tampered =
        token.substr(0, first + 1) + base64UrlEncode(claims) + token.substr(second);
    EXPECT_FALSE(tokens.verifyAt(tampered, kNow));
}

// Accepted tokens are remembered: what is remembered must be the exact token, and only it.
TEST(TokenService, RefusesATamperedTokenAfterAcceptingTheGenuineOne) {
    auto tokens = service();
    auto token = tokens.issueAt("u", "e@example.org", "session-1", kNow);
    ASSERT_TRUE(tokens.verifyAt(token, kNow));
    std::string tampered = token;  // one character of the signature changed
    char& c = tampered[tampered.size() - 5];
    c = c == 'A' ? 'B' : 'A';
    EXPECT_FALSE(tokens.verifyAt(tampered, kNow));
    EXPECT_FALSE(tokens.verifyAt(token + "A", kNow));
    EXPECT_TRUE(tokens.verifyAt(token, kNow));
}

TEST(TokenService, RefusesAnotherKeysSignature) {
    TokenService other(std::string(32, 'x'), std::chrono::seconds(3600));
    EXPECT_FALSE(service().verifyAt(other.issueAt("u", "e@example.org", "session-1", kNow), kNow));
}

TEST(TokenService, RefusesAlgNone) {
    std::string claims = R"({"sub":"u","email":"e@example.org","iat":1750000000,"exp":1750003600})";
    EXPECT_FALSE(service().verifyAt(forge(R"({"alg":"none","typ":"JWT"})", claims, ""), kNow));
    std::string unsignedToken =
        base64UrlEncode(R"({"alg":"none"})") + "." + base64UrlEncode(claims) + ".";
    EXPECT_FALSE(service().verifyAt(unsignedToken, kNow));
}

TEST(TokenService, RefusesOtherAlgorithmsEvenWithAValidHmac) {
    // HS512 header over an otherwise well-formed token: the algorithm is pinned, not negotiated.
    auto tokens = service();
    auto good = tokens.issueAt("u", "e@example.org", "session-1", kNow);
    std::string header = base64UrlEncode(R"({"alg":"HS512","typ":"JWT"})");
    EXPECT_FALSE(tokens.verifyAt(header + good.substr(good.find('.')), kNow));
}

TEST(TokenService, RefusesGarbage) {
    auto tokens = service();
    for (const char* token : {"", "a", "a.b", "a.b.c", "a.b.c.d", "...", "eyJ.eyJ.!!"}) {
        EXPECT_FALSE(tokens.verifyAt(token, kNow)) << token;
    }
}

TEST(TokenService, NeedsALongEnoughSecret) {
    EXPECT_THROW(TokenService("short", std::chrono::seconds(60)), std::invalid_argument);
}

TEST(TokenService, RefusesTokensValidForLongerThanItsLifetime) {
    auto tokens = service(std::chrono::seconds(3600));
    auto longer = TokenService(kSecret, std::chrono::seconds(7200))
                      .issueAt("u", "e@x.org", "session-1", kNow);
    EXPECT_FALSE(tokens.verifyAt(longer, kNow + 10));
    EXPECT_FALSE(tokens.verifyAt(longer, kNow + 10)) << "a refused token is not remembered";
    EXPECT_TRUE(tokens.verifyAt(tokens.issueAt("u", "e@x.org", "session-1", kNow), kNow + 10));
}

TEST(TokenService, RefusesTokensIssuedMoreThanAMinuteAhead) {
    auto tokens = service();
    EXPECT_TRUE(tokens.verifyAt(tokens.issueAt("u", "e@x.org", "session-1", kNow + 60), kNow));
    auto ahead = tokens.issueAt("u", "e@x.org", "session-1", kNow + 61);
    EXPECT_FALSE(tokens.verifyAt(ahead, kNow));
    EXPECT_FALSE(tokens.verifyAt(ahead, kNow)) << "a refused token is not remembered";
}

TEST(TokenService, ATokenWithoutASessionIsNotHonoured) {
    TokenService tokens(kSecret, std::chrono::seconds(3600));
    auto token = tokens.issueAt("u", "e@x.org", "", kNow);
    EXPECT_FALSE(tokens.verifyAt(token, kNow + 1));
    auto claims = tokens.verifyAt(tokens.issueAt("u", "e@x.org", "s-1", kNow), kNow + 1);
    ASSERT_TRUE(claims);
    EXPECT_EQ(claims->sessionId, "s-1");
}
