// `caseboard user add|disable|list` on a real SQLite store.
#include <gtest/gtest.h>

#include <sstream>

#include "TempDir.hpp"
#include "auth/PasswordHasher.hpp"
#include "cli/UserCommand.hpp"
#include "store/sqlite/SqliteStore.hpp"

using namespace caseboard;
using Action = config::Command::UserAction;

namespace {

config::Command userCommand(Action action, std::string email = {}, std::string role = "editor") {
    config::Command command;
    command.kind = config::Command::Kind::UserAdmin;
    command.userAction = action;
    command.userEmail = std::move(email);
    command.userRole = std::move(role);
    return command;
}

class UserCommandTest : public ::testing::Test {
  protected:
    int run(const config::Command& command, const std::string& input = {}, bool terminal = false) {
        std::istringstream in(input);
        out.str({});
        err.str({});
        return cli::runUserCommand(command, store, in, terminal, out, err);
    }
    TempDir dir;
    store::sqlite::SqliteStore store{dir.file("c.db")};
    std::ostringstream out, err;
};

TEST_F(UserCommandTest, AddTakesThePasswordFromStandardInputAndNeverPrintsIt) {
    ASSERT_EQ(run(userCommand(Action::Add, "Boss@Example.org", "admin"), "piped passw0rd\n"), 0)
        << err.str();
    auto user = store.findUserByEmail("boss@example.org");
    ASSERT_TRUE(user);
    EXPECT_EQ(user->role, domain::Role::Admin);
    EXPECT_TRUE(auth::PasswordHasher().verify(user->passwordHash, "piped passw0rd"));
    EXPECT_EQ(out.str().find("piped passw0rd"), std::string::npos);
    // Recorded as the command line's doing.
    auto trail = store.auditTrail({});
    ASSERT_FALSE(trail.empty());
    EXPECT_EQ(trail[0].action, "user_create");
    EXPECT_EQ(trail[0].email.rfind("command line", 0), 0u);
}

TEST_F(UserCommandTest, AddOnATerminalMakesAPasswordAndPrintsItOnce) {
    ASSERT_EQ(run(userCommand(Action::Add, "a@example.org"), "", true), 0) << err.str();
    const std::string marker = "password (shown once): ";
    auto at = out.str().find(marker);
    ASSERT_NE(at, std::string::npos) << out.str();
    auto password = out.str().substr(at + marker.size());
    password = password.substr(0, password.find('\n'));
    EXPECT_EQ(password.size(), 24u);
    EXPECT_TRUE(auth::PasswordHasher().verify(store.findUserByEmail("a@example.org")->passwordHash,
                                              password));
}

TEST_F(UserCommandTest, AddRefusesAShortPasswordABadAddressAndADuplicate) {
    EXPECT_EQ(run(userCommand(Action::Add, "a@example.org"), "short\n"), 1);
    EXPECT_FALSE(err.str().empty());
    EXPECT_FALSE(store.findUserByEmail("a@example.org"));
    EXPECT_EQ(run(userCommand(Action::Add, "not-an-address"), "long enough\n"), 1);
    ASSERT_EQ(run(userCommand(Action::Add, "a@example.org"), "long enough\n"), 0);
    EXPECT_EQ(run(userCommand(Action::Add, "a@example.org"), "long enough\n"), 1);
}

TEST_F(UserCommandTest, DisableDeactivatesButNeverTheLastAdmin) {
    ASSERT_EQ(run(userCommand(Action::Add, "boss@example.org", "admin"), "long enough\n"), 0);
    ASSERT_EQ(run(userCommand(Action::Add, "b@example.org"), "long enough\n"), 0);
    EXPECT_EQ(run(userCommand(Action::Disable, "b@example.org")), 0) << err.str();
    EXPECT_FALSE(store.findUserByEmail("b@example.org")->active);
    EXPECT_EQ(run(userCommand(Action::Disable, "boss@example.org")), 1);
    EXPECT_TRUE(store.findUserByEmail("boss@example.org")->active);
    EXPECT_EQ(run(userCommand(Action::Disable, "nobody@example.org")), 1);
}

TEST_F(UserCommandTest, ListShowsEveryAccountWithItsRoleAndState) {
    ASSERT_EQ(run(userCommand(Action::Add, "boss@example.org", "admin"), "long enough\n"), 0);
    ASSERT_EQ(run(userCommand(Action::Add, "b@example.org", "viewer"), "long enough\n"), 0);
    run(userCommand(Action::Disable, "b@example.org"));
    ASSERT_EQ(run(userCommand(Action::List)), 0);
    EXPECT_NE(out.str().find("boss@example.org"), std::string::npos);
    auto line = out.str().substr(out.str().find("b@example.org"));
    line = line.substr(0, line.find('\n'));
    EXPECT_NE(line.find("viewer"), std::string::npos) << line;
    EXPECT_NE(line.find(" no "), std::string::npos) << line;
}

}  // namespace
