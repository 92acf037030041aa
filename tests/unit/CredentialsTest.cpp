#include <gtest/gtest.h>

#include "domain/Credentials.hpp"
#include "domain/RegistrationPolicy.hpp"

using namespace caseboard::domain;

TEST(Email, IsTrimmedAndLowerCased) {
    EXPECT_EQ(normalizeEmail("  Alice.Smith@NHS.Example.org "), "alice.smith@nhs.example.org");
}

TEST(Email, RefusesWhatIsNotAnAddress) {
    for (const char* text : {"", "alice", "alice@", "@example.org", "alice@example",
                             "a b@example.org", "alice@@example.org", ".alice@example.org",
                             "alice.@example.org", "al..ice@example.org", "alice@-example.org"}) {
        EXPECT_FALSE(normalizeEmail(text)) << text;
    }
    EXPECT_FALSE(normalizeEmail(std::string(250, 'a') + "@example.org"));
    for (const char* text : {"a@example.org.", "a@example-.org", "a@example.123", "a@.example.org",
                             "a@example..org", "a\"b@example.org", "a@exa_mple.org"}) {
        EXPECT_FALSE(normalizeEmail(text)) << text;
    }
}

TEST(Email, AcceptsUsualAddresses) {
    for (const char* text :
         {"sam@nhs.uk", "o'brien+ward7@trust.example.org", "a.b-c@x-y.example.com"}) {
        EXPECT_TRUE(normalizeEmail(text)) << text;
    }
}

TEST(RegistrationPolicy, OpenByDefault) {
    EXPECT_TRUE(RegistrationPolicy::parse("open").allows("anyone@example.org"));
    EXPECT_FALSE(RegistrationPolicy::parse("closed").allows("anyone@example.org"));
}

TEST(RegistrationPolicy, DomainListAllowsOnlyThoseDomains) {
    auto policy = RegistrationPolicy::parse("domain:nhs.example, Trust.Example");
    EXPECT_TRUE(policy.allows("a@nhs.example"));
    EXPECT_TRUE(policy.allows("b@trust.example"));
    EXPECT_FALSE(policy.allows("c@evil.example"));
    EXPECT_FALSE(policy.allows("d@sub.nhs.example"));
}

TEST(RegistrationPolicy, RefusesNonsense) {
    EXPECT_THROW(RegistrationPolicy::parse("sometimes"), std::invalid_argument);
    EXPECT_THROW(RegistrationPolicy::parse("domain:"), std::invalid_argument);
}
