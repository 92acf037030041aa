// /healthz, /readyz, /openapi.json, and what the server writes to its log.
#include "harness/ServerTest.hpp"

#include "harness/Jwt.hpp"
#include "harness/WsClient.hpp"

#include <sched.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace caseboard::it {
namespace {

using boost::json::object;

class OperationsTest : public ServerTest {};

TEST_F(OperationsTest, HealthzIsOkWithoutAuth) {
    const auto response = http().get("/healthz");
    ASSERT_EQ(response.status, 200) << describe(response);
    EXPECT_EQ(response.json(), boost::json::parse(R"({"status":"ok"})"));
    EXPECT_EQ(response.header("Content-Type").rfind("application/json", 0), 0u);
}

TEST_F(OperationsTest, ReadyzIs200WhenTheStoreAnswers) {
    const auto response = http().get("/readyz");
    EXPECT_EQ(response.status, 200) << describe(response);
}

TEST_F(OperationsTest, OpenApiDocumentDescribesEveryRoute) {
    const auto response = http().get("/openapi.json");
    ASSERT_EQ(response.status, 200) << describe(response);
    EXPECT_EQ(response.header("Content-Type").rfind("application/json", 0), 0u);
    const auto doc = response.json();
    ASSERT_TRUE(doc.is_object()) << response.body.substr(0, 500);
    EXPECT_EQ(str(doc, "openapi").rfind("3.1.", 0), 0u) << str(doc, "openapi");
    ASSERT_TRUE(doc.as_object().contains("paths") && doc.at("paths").is_object());
    const auto& paths = doc.at("paths").as_object();

    // Finds a path, accepting an optional trailing slash and any name for the {id} parameter.
    auto findPath = [&](const std::string& pattern) -> const boost::json::object* {
        const std::regex re("^" + pattern + "/?$");
        for (const auto& [key, value] : paths) {
            if (std::regex_match(std::string(key), re) && value.is_object()) {
                return &value.as_object();
            }
        }
        return nullptr;
    };
    const std::vector<std::pair<std::string, std::vector<std::string>>> expected{
        {"/users/register", {"post"}},
        {"/users/login", {"post"}},
        {"/users/me", {"get"}},
        {"/cases", {"get", "post"}},
        {R"(/cases/\{[A-Za-z_]+\})", {"get", "patch", "delete"}},
        {"/cases/reorder", {"post"}},
        {"/healthz", {"get"}},
        {"/readyz", {"get"}},
    };
    for (const auto& [pattern, methods] : expected) {
        const auto* item = findPath(pattern);
        ASSERT_NE(item, nullptr) << "no path matching " << pattern;
        for (const auto& method : methods) {
            EXPECT_TRUE(item->contains(method)) << pattern << " lacks " << method;
        }
    }
}

TEST_F(OperationsTest, LogNeverContainsTokensOrPasswords) {
    const std::string password = "Very-Secret-Passw0rd-" + uniqueSuffix();
    const std::string email = uniqueEmail("secret");
    ASSERT_EQ(users().registerUser(email, password).status, 201);
    ASSERT_EQ(users().login(email, "Wrong-" + password).status, 401);
    ASSERT_EQ(users().loginForm(email, password).status, 200);
    const std::string token = users().token(email, password);
    ASSERT_EQ(http().get("/users/me", token).status, 200);
    ASSERT_EQ(http().get("/cases/?name=x", token).status, 200);
    ASSERT_EQ(http().get("/users/me", Jwt::tamperSignature(token)).status, 401);
    {
        WsClient ws(port());
        WsOptions options;
        options.token = token;
        ASSERT_TRUE(ws.connect(options));
        ASSERT_TRUE(ws.sendText("hello"));
        ASSERT_TRUE(ws.readText().has_value());
        ws.close();
        WsClient refused(port());
        options.token = Jwt::tamperSignature(token);
        EXPECT_FALSE(refused.connect(options));
    }
    ASSERT_EQ(server().stop(), 0);  // flushes everything

    const std::string log = server().log();
    const std::string signature = token.substr(token.rfind('.') + 1);
    EXPECT_EQ(log.find(signature), std::string::npos) << "a token's signature is in the log";
    EXPECT_EQ(log.find(Jwt::tamperSignature(token).substr(token.rfind('.') + 1)), std::string::npos)
        << "a refused token is in the log";
    EXPECT_EQ(log.find(password), std::string::npos) << "the password is in the log";
    EXPECT_EQ(log.find("$argon2"), std::string::npos) << "a password hash is in the log";
}

TEST_F(OperationsTest, EveryRequestHasAnAccessLogLine) {
    std::vector<std::string> paths;
    for (int i = 0; i < 3; ++i) {
        paths.push_back("/probe-" + uniqueSuffix());
        EXPECT_EQ(http().get(paths.back()).status, 404);
    }
    const std::string healthPath = "/healthz";
    EXPECT_EQ(http().get(healthPath).status, 200);
    for (const auto& path : paths) {
        EXPECT_TRUE(server().waitForLog(path, std::chrono::seconds(5)))
            << "no access-log line for " << path;
    }
    const std::string log = server().log();
    for (const auto& path : paths) {
        const auto at = log.find(path);
        ASSERT_NE(at, std::string::npos);
        const auto lineStart =
            log.rfind('\n', at) == std::string::npos ? 0 : log.rfind('\n', at) + 1;
        const std::string line = log.substr(lineStart, log.find('\n', at) - lineStart);
        EXPECT_NE(line.find("GET"), std::string::npos) << line;
        EXPECT_NE(line.find("404"), std::string::npos) << line;
    }
}

TEST_F(OperationsTest, ServerStaysUpAfterManyRequests) {
    HttpClient client(port(), true);
    for (int i = 0; i < 200; ++i) {
        ASSERT_EQ(client.get("/healthz").status, 200) << "request " << i;
    }
}

struct ServerThread {
    std::string name;
    int nice = 0;
    int policy = -1;
};

// Name, nice value and scheduling policy of every thread of a process, from /proc.
std::vector<ServerThread> threadsOf(pid_t pid) {
    std::vector<ServerThread> threads;
    for (const auto& task :
         std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task")) {
        ServerThread thread;
        std::getline(std::ifstream(task.path() / "comm"), thread.name);
        std::string stat;
        std::getline(std::ifstream(task.path() / "stat"), stat);
        // Fields after the ")" that closes the name start at field 3; nice is field 19, the
        // policy field 41.
        std::istringstream fields(stat.substr(stat.rfind(')') + 2));
        std::string skipped;
        for (int field = 3; field < 19; ++field) fields >> skipped;
        fields >> thread.nice;
        for (int field = 20; field < 41; ++field) fields >> skipped;
        fields >> thread.policy;
        threads.push_back(thread);
    }
    return threads;
}

// A sign-in flood must take little CPU from the threads that answer the board's requests, and
// still progress when something else keeps the machine busy (hence nice 19, not SCHED_IDLE).
TEST_F(OperationsTest, PasswordHashingRunsAtTheLowestNormalPriority) {
    // A sign-in first, so the hashing thread has certainly run.
    const auto account = users().create("nurse");
    ASSERT_FALSE(account.token.empty());
    int hashing = 0;
    for (const auto& thread : threadsOf(server().pid())) {
        EXPECT_EQ(thread.policy, SCHED_OTHER) << thread.name;
        if (thread.name == "caseboard-hash") {
            ++hashing;
            EXPECT_EQ(thread.nice, 19) << thread.name;
        } else {
            EXPECT_LT(thread.nice, 19) << thread.name;
        }
    }
    EXPECT_GE(hashing, 1);
}

}  // namespace
}  // namespace caseboard::it
