// Configuration: flags, environment variables, and bad configuration (exit 2, one line on stderr).
#include "harness/ServerTest.hpp"

#include "harness/Jwt.hpp"
#include "harness/ProcessRunner.hpp"

#include <fstream>

#include <csignal>

namespace caseboard::it {
namespace {

// Bad configuration: exit code 2 and exactly one non-empty line on stderr.
void expectConfigurationError(const ProcessResult& result, const std::string& what) {
    EXPECT_EQ(result.exitCode, 2) << what << "\nstdout: " << result.out
                                  << "\nstderr: " << result.err;
    std::string err = result.err;
    while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) {
        err.pop_back();
    }
    EXPECT_FALSE(err.empty()) << what << ": nothing on stderr";
    EXPECT_EQ(err.find('\n'), std::string::npos) << what << ": more than one line on stderr:\n"
                                                 << result.err;
}

std::vector<std::string> serveArgs(const std::string& dir, std::vector<std::string> extra) {
    std::vector<std::string> args{"serve", "--host",     "127.0.0.1",          "--port",
                                  "0",     "--database", dir + "/caseboard.db"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

class ConfigurationTest : public ::testing::Test {
  protected:
    void SetUp() override { dir_ = makeTempDir("caseboard-it-cfg"); }
    void TearDown() override { removeTree(dir_); }
    std::string dir_;
};

TEST_F(ConfigurationTest, UnknownFlagExits2WithOneLine) {
    expectConfigurationError(ProcessRunner::run(serveArgs(dir_, {"--no-such-flag"})),
                             "unknown flag");
}

TEST_F(ConfigurationTest, UnwritableDatabaseExits2WithOneLine) {
    const auto result = ProcessRunner::run(
        {"serve", "--host", "127.0.0.1", "--port", "0", "--database", "/proc/forbidden/x.db"});
    expectConfigurationError(result, "unwritable database");
}

TEST_F(ConfigurationTest, PortInUseExits2WithOneLine) {
    ServerProcess first;
    ASSERT_NO_THROW(first.start());
    const auto result =
        ProcessRunner::run({"serve", "--host", "127.0.0.1", "--port", std::to_string(first.port()),
                            "--database", dir_ + "/other.db"});
    expectConfigurationError(result, "port in use");
    EXPECT_NE(result.err.find("Address already in use"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find(".hpp"), std::string::npos)
        << "the operator needs the reason, not the library's source location: " << result.err;
    EXPECT_EQ(HttpClient(first.port()).get("/healthz").status, 200)
        << "the first server is unaffected";
}

TEST_F(ConfigurationTest, InvalidSettingValuesExit2) {
    expectConfigurationError(ProcessRunner::run(serveArgs(dir_, {"--registration", "sometimes"})),
                             "--registration sometimes");
    expectConfigurationError(ProcessRunner::run(serveArgs(dir_, {"--token-ttl", "soon"})),
                             "--token-ttl soon");
    expectConfigurationError(
        ProcessRunner::run({"serve", "--port", "70000", "--database", dir_ + "/x.db"}),
        "--port 70000");
    expectConfigurationError(
        ProcessRunner::run(serveArgs(dir_, {"--trusted-proxy", "127.0.0.1,nginx.local"})),
        "--trusted-proxy 127.0.0.1,nginx.local");
    expectConfigurationError(ProcessRunner::run(serveArgs(dir_, {"--idle-timeout", "5"})),
                             "--idle-timeout 5");
}

TEST_F(ConfigurationTest, DirectorySettingsThatCannotWorkExit2) {
    const std::vector<std::string> directory{"--ldap-url", "ldap://127.0.0.1:1", "--ldap-base-dn",
                                             "dc=hospital,dc=test"};
    auto with = [&](std::vector<std::string> extra) {
        extra.insert(extra.begin(), directory.begin(), directory.end());
        return ProcessRunner::run(serveArgs(dir_, extra));
    };
    expectConfigurationError(with({"--ldap-role-group", "boss=cn=x,dc=test"}),
                             "a role that does not exist");
    expectConfigurationError(with({"--ldap-role-group", "pending=cn=x,dc=test"}),
                             "the pending role");
    expectConfigurationError(with({"--ldap-role-group", "editor=cn=x,dc=test",
                                   "--ldap-bind-password-file", dir_ + "/missing"}),
                             "an unreadable password file");
    expectConfigurationError(with({}), "no role group");
    expectConfigurationError(
        ProcessRunner::run(serveArgs(dir_, {"--ldap-url", "http://127.0.0.1", "--ldap-base-dn",
                                            "dc=x", "--ldap-role-group", "editor=cn=x"})),
        "an URL that is not ldap");
}

TEST_F(ConfigurationTest, OpenIdSettingsThatCannotWorkExit2) {
    std::ofstream(dir_ + "/secret") << "s3cret\n";
    const std::vector<std::string> complete{
        "--oidc-issuer", "http://127.0.0.1:1",        "--oidc-client-id",
        "caseboard",     "--oidc-client-secret-file", dir_ + "/secret",
        "--public-url",  "http://127.0.0.1:8000",     "--oidc-role-map",
        "editor=staff"};
    auto without = [&](const std::string& flag) {
        std::vector<std::string> args;
        for (std::size_t i = 0; i < complete.size(); i += 2) {
            if (complete[i] != flag) args.insert(args.end(), {complete[i], complete[i + 1]});
        }
        return ProcessRunner::run(serveArgs(dir_, args));
    };
    for (const char* flag :
         {"--oidc-client-id", "--oidc-client-secret-file", "--public-url", "--oidc-role-map"}) {
        expectConfigurationError(without(flag), std::string("without ") + flag);
    }
    auto args = complete;
    args[1] = "http://sso.hospital.example";  // clear text beyond loopback
    expectConfigurationError(ProcessRunner::run(serveArgs(dir_, args)), "an http issuer");
}

TEST_F(ConfigurationTest, SigintStopsGracefullyWithExit0) {
    ServerProcess server;
    ASSERT_NO_THROW(server.start());
    server.signal(SIGINT);
    EXPECT_EQ(server.waitExit(std::chrono::seconds(10)), 0);
    EXPECT_NE(server.log().find("stopping on SIGINT"), std::string::npos) << server.log();
}

TEST_F(ConfigurationTest, SigtermStopsGracefullyWithExit0) {
    ServerProcess server;
    ASSERT_NO_THROW(server.start());
    ASSERT_EQ(HttpClient(server.port()).get("/healthz").status, 200);
    EXPECT_EQ(server.stop(), 0);
    EXPECT_NE(server.log().find("stopping on SIGTERM"), std::string::npos) << server.log();
}

class EnvironmentRegistrationTest : public ServerTest {
  protected:
    ServerOptions options() const override { return {{}, {{"CASEBOARD_REGISTRATION", "closed"}}}; }
};

TEST_F(EnvironmentRegistrationTest, EnvironmentVariableConfiguresTheServer) {
    EXPECT_EQ(users().registerUser(uniqueEmail(), "s3cret-passw0rd").status, 403);
}

class FlagOverEnvironmentTest : public ServerTest {
  protected:
    ServerOptions options() const override {
        return {{"--registration", "open"},
                {{"CASEBOARD_REGISTRATION", "closed"}, {"CASEBOARD_TOKEN_TTL", "60"}}};
    }
};

TEST_F(FlagOverEnvironmentTest, FlagWinsOverEnvironment) {
    EXPECT_EQ(users().registerUser(uniqueEmail(), "s3cret-passw0rd").status, 201);
}

TEST_F(FlagOverEnvironmentTest, TokenTtlFromEnvironment) {
    const auto token = alice().token;
    const auto payload = Jwt::payload(token);
    ASSERT_TRUE(payload.contains("exp") && payload.contains("iat"));
    EXPECT_EQ(
        payload.at("exp").to_number<std::int64_t>() - payload.at("iat").to_number<std::int64_t>(),
        60);
}

}  // namespace
}  // namespace caseboard::it
