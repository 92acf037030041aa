// The database holds every patient and the secret signs every token: no other local account may
// read them, whatever the umask.
#include "harness/ServerTest.hpp"

#include <sys/stat.h>

#include <string>

namespace caseboard::it {

namespace {

// Permission bits of the file, or -1 if it does not exist.
int modeOf(const std::string& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) return -1;
    return static_cast<int>(status.st_mode & 07777);
}

}  // namespace

class FileModesTest : public ServerTest {
  protected:
    ServerOptions options() const override {
        ServerOptions options;
        options.alwaysSqlite = true;
        return options;
    }
};

TEST_F(FileModesTest, DatabaseItsJournalsAndTheSecretAreOwnerOnly) {
    createCase(alice().token, "Jane Roe", "new_referral");  // the writes make -wal and -shm
    const std::string db = server().databasePath();
    for (const std::string& path : {db, db + "-wal", db + "-shm", db + ".jwt-secret"}) {
        EXPECT_EQ(modeOf(path), 0600) << path;
    }
}

TEST_F(FileModesTest, ExistingReadableDatabaseIsTightened) {
    createCase(alice().token, "Jane Roe", "new_referral");
    ASSERT_EQ(server().stop(), 0);
    const std::string db = server().databasePath();
    ASSERT_EQ(::chmod(db.c_str(), 0644), 0);
    server().start();
    EXPECT_EQ(modeOf(db), 0600);
    EXPECT_EQ(http().get("/healthz").status, 200);
}

}  // namespace caseboard::it
