// ID tokens crafted here, signed with keys of a JWKS the test controls: every check of
// IdTokenVerifier must refuse the token that breaks it and pass the one that does not.
#include "TestKeys.hpp"

#include "oidc/IdTokenVerifier.hpp"
#include "oidc/OidcError.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

namespace caseboard::it {
namespace {

namespace json = boost::json;
using oidc::IdTokenVerifier;
using oidc::Jwks;
using oidc::OidcError;

constexpr const char* kIssuer = "https://login.hospital.test";
constexpr const char* kClient = "caseboard";
constexpr const char* kSecret = "client-secret-known-to-the-provider";
constexpr const char* kNonce = "nonce-of-this-sign-in";

std::int64_t now() {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

json::object claims() {
    return {{"iss", kIssuer}, {"aud", kClient},     {"sub", "u-1"},       {"nonce", kNonce},
            {"iat", now()},   {"exp", now() + 300}, {"email", "a@b.test"}};
}

class IdTokenVerifierTest : public ::testing::Test {
  protected:
    json::value jwks() const { return {{"keys", json::array{rsa.jwk("rsa-1"), ec.jwk("ec-1")}}}; }

    std::string rs256(const json::object& payload, const std::string& kid = "rsa-1") const {
        return signedToken({{"alg", "RS256"}, {"kid", kid}, {"typ", "JWT"}}, payload, rsa);
    }

    // The reason the token is refused for, or "" when it passes.
    std::string refusal(const std::string& token, const char* nonce = kNonce) {
        try {
            verifier.verify(token, nonce);
            return "";
        } catch (const OidcError& error) {
            EXPECT_EQ(error.status(), 401);
            return error.what();
        }
    }

    TestKey rsa = TestKey::rsa();
    TestKey ec = TestKey::p256();
    int fetches = 0;
    Jwks keys{[this] {
                  ++fetches;
                  return jwks();
              },
              std::chrono::hours(1)};
    IdTokenVerifier verifier{kIssuer, kClient, keys};
};

TEST_F(IdTokenVerifierTest, AcceptsRs256AndReturnsTheClaims) {
    const json::object verified = verifier.verify(rs256(claims()), kNonce);
    EXPECT_EQ(verified.at("sub").as_string(), "u-1");
    EXPECT_EQ(verified.at("email").as_string(), "a@b.test");
}

TEST_F(IdTokenVerifierTest, AcceptsEs256) {
    const std::string token = signedToken({{"alg", "ES256"}, {"kid", "ec-1"}}, claims(), ec);
    EXPECT_EQ(refusal(token), "");
}

TEST_F(IdTokenVerifierTest, RefusesATamperedSignatureOrPayload) {
    std::string token = rs256(claims());
    // A character inside the signature (the last one also carries padding bits).
    char& inside = token[token.size() - 10];
    inside = inside == 'A' ? 'B' : 'A';
    EXPECT_NE(refusal(token).find("signature"), std::string::npos);

    json::object other = claims();
    other["sub"] = "u-2";
    const std::string genuine = rs256(claims());
    const std::string forged = rs256(other);
    const std::string spliced =
        forged.substr(0, forged.rfind('.')) + genuine.substr(genuine.rfind('.'));
    EXPECT_NE(refusal(spliced).find("signature"), std::string::npos);
}

TEST_F(IdTokenVerifierTest, RefusesAlgNone) {
    EXPECT_NE(refusal(unsignedToken({{"alg", "none"}, {"kid", "rsa-1"}}, claims())).find("alg"),
              std::string::npos);
}

TEST_F(IdTokenVerifierTest, RefusesHs256SignedWithTheClientSecret) {
    EXPECT_NE(
        refusal(hmacToken({{"alg", "HS256"}, {"kid", "rsa-1"}}, claims(), kSecret)).find("alg"),
        std::string::npos);
}

TEST_F(IdTokenVerifierTest, RefusesAnAlgThatDoesNotFitTheKey) {
    // An ES256 signature presented as RS256 under the EC key's kid, and the other way round.
    EXPECT_NE(refusal(signedToken({{"alg", "RS256"}, {"kid", "ec-1"}}, claims(), ec)).find("type"),
              std::string::npos);
    EXPECT_NE(
        refusal(signedToken({{"alg", "ES256"}, {"kid", "rsa-1"}}, claims(), rsa)).find("type"),
        std::string::npos);
}

TEST_F(IdTokenVerifierTest, RefusesAnotherAudience) {
    json::object wrong = claims();
    wrong["aud"] = "another-app";
    EXPECT_NE(refusal(rs256(wrong)).find("aud"), std::string::npos);
    wrong["aud"] = json::array{"another-app", "yet-another"};
    EXPECT_NE(refusal(rs256(wrong)).find("aud"), std::string::npos);
}

TEST_F(IdTokenVerifierTest, SeveralAudiencesNeedAzpToBeUs) {
    json::object shared = claims();
    shared["aud"] = json::array{kClient, "another-app"};
    EXPECT_NE(refusal(rs256(shared)).find("azp"), std::string::npos);
    shared["azp"] = "another-app";
    EXPECT_NE(refusal(rs256(shared)).find("azp"), std::string::npos);
    shared["azp"] = kClient;
    EXPECT_EQ(refusal(rs256(shared)), "");
    json::object single = claims();
    single["aud"] = json::array{kClient};
    EXPECT_EQ(refusal(rs256(single)), "");
}

TEST_F(IdTokenVerifierTest, RefusesAnotherIssuer) {
    json::object wrong = claims();
    wrong["iss"] = "https://login.hospital.test/";
    EXPECT_NE(refusal(rs256(wrong)).find("iss"), std::string::npos);
}

TEST_F(IdTokenVerifierTest, RefusesAnExpiredTokenBeyondTheSkew) {
    json::object late = claims();
    late["exp"] = now() - 61;
    EXPECT_NE(refusal(rs256(late)).find("expired"), std::string::npos);
    late["exp"] = now() - 30;  // within the 60 s allowed for clock skew
    EXPECT_EQ(refusal(rs256(late)), "");
    late.erase("exp");
    EXPECT_NE(refusal(rs256(late)).find("exp"), std::string::npos);
}

TEST_F(IdTokenVerifierTest, RefusesATokenIssuedInTheFuture) {
    json::object early = claims();
    early["iat"] = now() + 120;
    EXPECT_NE(refusal(rs256(early)).find("iat"), std::string::npos);
}

TEST_F(IdTokenVerifierTest, RefusesAnotherNonce) {
    EXPECT_NE(refusal(rs256(claims()), "nonce-of-another-sign-in").find("nonce"),
              std::string::npos);
    json::object none = claims();
    none.erase("nonce");
    EXPECT_NE(refusal(rs256(none)).find("nonce"), std::string::npos);
}

TEST_F(IdTokenVerifierTest, RefusesMalformedTokensWithoutCrashing) {
    const std::vector<std::string> malformed{"",
                                             ".",
                                             "..",
                                             "a.b.c",
                                             "a.b.c.d",
                                             "eyJ9.eyJ9.",
                                             std::string(100000, 'a'),
                                             rs256(claims()) + ".x"};
    for (const std::string& token : malformed) {
        EXPECT_NE(refusal(token), "") << token.substr(0, 40);
    }
    json::object stringly = claims();
    stringly["exp"] = "tomorrow";
    EXPECT_NE(refusal(rs256(stringly)), "");
    EXPECT_NE(
        refusal(signedToken({{"alg", "RS256"}, {"kid", "rsa-1"}, {"crit", json::array{"b64"}}},
                            claims(), rsa)),
        "");
}

TEST_F(IdTokenVerifierTest, KeepsTheKeysForLaterTokens) {
    for (int i = 0; i < 3; ++i) EXPECT_EQ(refusal(rs256(claims())), "");
    EXPECT_EQ(fetches, 1);
}

TEST_F(IdTokenVerifierTest, UnknownKidsCannotMakeItHammerTheProvider) {
    EXPECT_NE(refusal(rs256(claims(), "made-up-1")).find("unknown signing key"), std::string::npos);
    EXPECT_NE(refusal(rs256(claims(), "made-up-2")).find("unknown signing key"), std::string::npos);
    EXPECT_EQ(fetches, 1);
}

TEST(JwksTest, ARotatedKeyIsFoundByARefetch) {
    TestKey first = TestKey::rsa();
    TestKey second = TestKey::rsa();
    json::value published = {{"keys", json::array{first.jwk("k1")}}};
    int fetches = 0;
    Jwks keys(
        [&] {
            ++fetches;
            return published;
        },
        std::chrono::seconds(0));
    IdTokenVerifier verifier(kIssuer, kClient, keys);
    verifier.verify(signedToken({{"alg", "RS256"}, {"kid", "k1"}}, claims(), first), kNonce);
    published = {{"keys", json::array{second.jwk("k2")}}};
    verifier.verify(signedToken({{"alg", "RS256"}, {"kid", "k2"}}, claims(), second), kNonce);
    EXPECT_EQ(fetches, 2);
}

TEST(JsonWebKeyTest, RefusesWeakOrMalformedKeys) {
    EXPECT_FALSE(oidc::JsonWebKey::fromJson(TestKey::rsa(1024).jwk("small")));
    json::object offCurve = TestKey::p256().jwk("bent");
    offCurve["y"] = offCurve["x"];
    EXPECT_FALSE(oidc::JsonWebKey::fromJson(offCurve));
    json::object encryption = TestKey::rsa().jwk("enc");
    encryption["use"] = "enc";
    EXPECT_FALSE(oidc::JsonWebKey::fromJson(encryption));
    json::object mislabelled = TestKey::rsa().jwk("hs");
    mislabelled["alg"] = "HS256";
    EXPECT_FALSE(oidc::JsonWebKey::fromJson(mislabelled));
    EXPECT_FALSE(oidc::JsonWebKey::fromJson({{"kty", "RSA"}, {"n", "!!"}, {"e", "AQAB"}}));
    EXPECT_TRUE(oidc::JsonWebKey::fromJson(TestKey::rsa().jwk("fine")));
}

}  // namespace
}  // namespace caseboard::it
