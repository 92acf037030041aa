#include <gtest/gtest.h>

#include <chrono>

#include "DirectorySettings.hpp"
#include "LoopbackSocket.hpp"
#include "SlapdSuite.hpp"
#include "directory/LdapDirectory.hpp"

using namespace caseboard::directory;
using namespace std::chrono_literals;
using caseboard::domain::Role;
using caseboard::ldaptest::directorySettings;
using caseboard::ldaptest::LoopbackSocket;
using caseboard::ldaptest::SlapdSuite;

class LdapTransportTest : public SlapdSuite<LdapTransportTest> {
  protected:
    static SignInOutcome signInWith(const LdapSettings& settings) {
        return LdapDirectory(settings)
            .authenticate("eddie@hospital.test", server->password("eddie"))
            .outcome;
    }
    static LdapSettings tls(const std::string& url, bool startTls, const std::string& caFile) {
        auto settings = directorySettings(*server);
        settings.url = url;
        settings.startTls = startTls;
        settings.caFile = caFile;
        return settings;
    }
};

TEST_F(LdapTransportTest, StartTlsWithTheServersCaSignsIn) {
    EXPECT_EQ(signInWith(tls(server->url(), true, server->caFile())), SignInOutcome::SignedIn);
}

TEST_F(LdapTransportTest, StartTlsWithAnotherCaIsUnavailable) {
    EXPECT_EQ(signInWith(tls(server->url(), true, server->wrongCaFile())),
              SignInOutcome::Unavailable);
}

TEST_F(LdapTransportTest, LdapsWithTheServersCaSignsIn) {
    EXPECT_EQ(signInWith(tls(server->ldapsUrl(), false, server->caFile())),
              SignInOutcome::SignedIn);
}

TEST_F(LdapTransportTest, LdapsWithAnotherCaIsUnavailable) {
    EXPECT_EQ(signInWith(tls(server->ldapsUrl(), false, server->wrongCaFile())),
              SignInOutcome::Unavailable);
    EXPECT_EQ(LdapDirectory(tls(server->ldapsUrl(), false, server->wrongCaFile()))
                  .lookup("eddie@hospital.test")
                  .outcome,
              LookupOutcome::Unavailable);
}

TEST_F(LdapTransportTest, PortWhereNothingListensIsUnavailableAtOnce) {
    const LoopbackSocket refusing(false);
    auto settings = directorySettings(*server);
    settings.url = refusing.url("ldap");
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(signInWith(settings), SignInOutcome::Unavailable);
    EXPECT_EQ(LdapDirectory(settings).lookup("eddie@hospital.test").outcome,
              LookupOutcome::Unavailable);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
}

// Connections complete but nothing ever answers: plain, StartTLS and ldaps:// each give up
// when the timeout is spent, not later.
TEST_F(LdapTransportTest, ServerThatNeverAnswersIsUnavailableWithinTheTimeout) {
    const LoopbackSocket silent(true);
    for (const auto& [url, startTls] :
         {std::pair{silent.url("ldap"), false}, std::pair{silent.url("ldap"), true},
          std::pair{silent.url("ldaps"), false}}) {
        auto settings = tls(url, startTls, server->caFile());
        settings.timeout = 700ms;
        const auto started = std::chrono::steady_clock::now();
        EXPECT_EQ(signInWith(settings), SignInOutcome::Unavailable) << url;
        const auto took = std::chrono::steady_clock::now() - started;
        EXPECT_GE(took, 600ms) << url;
        EXPECT_LT(took, 2s) << url;
    }
}
