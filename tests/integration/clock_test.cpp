// The breach clock: a case that time alone moves to due soon or breached is announced to every
// screen once ({"action":"clock"}), and not again after a restart; GET /targets and --targets.
#include "harness/ServerTest.hpp"

#include "harness/Events.hpp"
#include "harness/Instants.hpp"
#include "harness/ProcessRunner.hpp"
#include "harness/WsClient.hpp"

#include <fstream>

namespace caseboard::it {
namespace {

using boost::json::object;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::steady_clock;
using std::chrono::system_clock;

// An urgent case is due a minute after the decision: due soon for its last 15 seconds.
constexpr const char* kOneMinuteUrgent =
    R"({"priorities": {"urgent": {"from": "decision_at", "minutes": 1}}})";

// A file of the fixture's own, for --targets.
class TargetsFile {
  public:
    explicit TargetsFile(const std::string& json) : dir_(makeTempDir("caseboard-it-targets")) {
        std::ofstream(path()) << json;
    }
    ~TargetsFile() { removeTree(dir_); }
    TargetsFile(const TargetsFile&) = delete;
    TargetsFile& operator=(const TargetsFile&) = delete;
    std::string path() const { return dir_ + "/targets.json"; }

  private:
    std::string dir_;
};

class ClockTest : public ServerTest {
  protected:
    std::unique_ptr<WsClient> connect() {
        auto ws = std::make_unique<WsClient>(port());
        EXPECT_TRUE(ws->connect(WsOptions::withToken(alice().token)))
            << "upgrade refused: HTTP " << ws->handshakeStatus() << " " << ws->handshakeBody();
        EXPECT_TRUE(ws->waitSubscribed()) << "the socket never received its own relayed text";
        return ws;
    }

    static std::size_t clockEvents(const std::vector<object>& events, const std::string& id,
                                   const std::string& state) {
        std::size_t found = 0;
        for (const auto& event : events) {
            if (str(event, "action") == "clock" && str(event, "case") == id &&
                str(event, "clock") == state) {
                ++found;
            }
        }
        return found;
    }
};

// The targets a file gave, for a screen to show: one urgent minute.
class ClockWithTargetsFileTest : public ClockTest {
  protected:
    ServerOptions options() const override {
        ServerOptions options;
        options.extraArgs = {"--targets", targets_.path()};
        return options;
    }
    TargetsFile targets_{kOneMinuteUrgent};
};

// The same file through the environment.
class ClockWithTargetsVariableTest : public ClockTest {
  protected:
    ServerOptions options() const override {
        ServerOptions options;
        options.env = {{"CASEBOARD_TARGETS", targets_.path()}};
        return options;
    }
    TargetsFile targets_{kOneMinuteUrgent};
};

TEST_F(ClockTest, ABreachIsAnnouncedOnceWithinFiveSecondsAndNotAgainAfterARestart) {
    auto ws = connect();
    // Admitted 36 h ago but 3 s: due soon now (its creation says so), breached in 3 s.
    const auto breach = system_clock::now() + seconds(3);
    const auto created =
        createCase(alice().token, object{{"name", "Hip"},
                                         {"section", uniqueSection()},
                                         {"pathway", "hip_fracture"},
                                         {"admitted_at", rfc3339(breach - hours(36))}});
    const std::string id = str(created, "id");
    ASSERT_EQ(str(created, "clock"), "due_soon");

    // Then three more seconds of quiet: no second announcement.
    auto events = Events::until(*ws, "clock", 1, seconds(10), seconds(3));
    const auto announced = system_clock::now() - seconds(3);
    ASSERT_EQ(Events::count(events, "clock", id), 1u) << Events::describe(events);
    EXPECT_EQ(clockEvents(events, id, "breached"), 1u) << Events::describe(events);
    EXPECT_LE(announced, breach + seconds(5)) << "announced more than 5 s after the breach";
    const auto event = Events::find(events, "clock", id);
    ASSERT_TRUE(event.contains("data")) << Events::describe(events);
    EXPECT_EQ(str(event.at("data"), "clock"), "breached");
    EXPECT_EQ(event.at("data").at("version"), created.at("version")) << "nobody wrote it";
    EXPECT_EQ(str(event.at("data"), "updated_at"), str(created, "updated_at"));

    ws.reset();
    ASSERT_EQ(server().restart(), 0);
    auto after = connect();
    // Long enough for the restarted server to load every case and tick twice.
    auto quiet = Events::drain(*after, seconds(3), seconds(6));
    EXPECT_EQ(Events::count(quiet, "clock"), 0u) << Events::describe(quiet);
    EXPECT_EQ(ids(listCases(alice().token, "?clock=breached")), std::vector<std::string>{id});
}

TEST_F(ClockTest, ListsShowTheClockTimeMoved) {
    const auto breach = system_clock::now() + seconds(2);
    const std::string id =
        str(createCase(alice().token, object{{"name", "Hip"},
                                             {"section", uniqueSection()},
                                             {"pathway", "hip_fracture"},
                                             {"admitted_at", rfc3339(breach - hours(36))}}),
            "id");
    // Asked while it is due soon (a cached list after this must not outlive the breach).
    EXPECT_EQ(ids(listCases(alice().token, "?clock=due_soon")), std::vector<std::string>{id});
    EXPECT_TRUE(listCases(alice().token, "?clock=breached").empty());
    auto ws = connect();
    auto events = Events::until(*ws, "clock", 1, seconds(10), milliseconds(0));
    ASSERT_EQ(Events::count(events, "clock", id), 1u) << Events::describe(events);
    EXPECT_EQ(ids(listCases(alice().token, "?clock=breached")), std::vector<std::string>{id});
    EXPECT_TRUE(listCases(alice().token, "?clock=due_soon").empty());
    const auto all = listCases(alice().token, "");
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(str(all[0], "clock"), "breached");
}

TEST_F(ClockTest, ArchivedListsShowTheClockTimeMovedThoughNothingIsAnnounced) {
    auto ws = connect();
    const auto breach = system_clock::now() + seconds(2);
    const std::string id =
        str(createCase(alice().token, object{{"name", "Hip"},
                                             {"section", uniqueSection()},
                                             {"archived", true},
                                             {"pathway", "hip_fracture"},
                                             {"admitted_at", rfc3339(breach - hours(36))}}),
            "id");
    EXPECT_EQ(ids(listCases(alice().token, "?archived=true&clock=due_soon")),
              std::vector<std::string>{id});
    EXPECT_TRUE(listCases(alice().token, "?archived=true&clock=breached").empty());
    // Past the breach and a tick of the watch.
    auto events = Events::drain(*ws, milliseconds(4000), seconds(5));
    EXPECT_EQ(Events::count(events, "clock"), 0u) << Events::describe(events);
    EXPECT_EQ(ids(listCases(alice().token, "?archived=true&clock=breached")),
              std::vector<std::string>{id});
    EXPECT_TRUE(listCases(alice().token, "?archived=true&clock=due_soon").empty());
}

TEST_F(ClockTest, AWrittenCaseIsNotAnnouncedForWhatItsWriteCarried) {
    auto ws = connect();
    // Breached already when it is created: the create event says so; nothing more comes.
    const std::string id =
        str(createCase(alice().token,
                       object{{"name", "Hip"},
                              {"section", uniqueSection()},
                              {"pathway", "hip_fracture"},
                              {"admitted_at", rfc3339(system_clock::now() - hours(40))}}),
            "id");
    auto events = Events::drain(*ws, milliseconds(2500), seconds(5));
    EXPECT_EQ(Events::count(events, "create", id), 1u) << Events::describe(events);
    EXPECT_EQ(Events::count(events, "clock"), 0u) << Events::describe(events);
}

TEST_F(ClockTest, TargetsAreTheDefaultsForAnySignedInUser) {
    const auto response = http().get("/targets", alice().token);
    ASSERT_EQ(response.status, 200) << describe(response);
    const auto expected = boost::json::parse(
        R"({"pathways": {"hip_fracture": {"from": "admitted_at", "minutes": 2160}},
            "priorities": {"immediate": {"from": "decision_at", "minutes": 60},
                           "urgent": {"from": "decision_at", "minutes": 360},
                           "expedited": {"from": "decision_at", "minutes": 4320}}})");
    EXPECT_EQ(response.json(), expected);
    EXPECT_EQ(http().get("/targets").status, 401);
    EXPECT_EQ(http().get("/targets", "not-a-token").status, 401);
}

TEST_F(ClockWithTargetsFileTest, TheFileReplacesTheDefaults) {
    const auto response = http().get("/targets", alice().token);
    ASSERT_EQ(response.status, 200) << describe(response);
    EXPECT_EQ(response.json(), boost::json::parse(R"({"pathways": {},
        "priorities": {"urgent": {"from": "decision_at", "minutes": 1}}})"));
    // No hip fracture target any more: no deadline, no clock.
    const auto hip = createCase(alice().token,
                                object{{"name", "Hip"},
                                       {"section", uniqueSection()},
                                       {"pathway", "hip_fracture"},
                                       {"admitted_at", rfc3339(system_clock::now() - hours(40))}});
    EXPECT_TRUE(hip.at("clock").is_null()) << boost::json::serialize(hip);
}

TEST_F(ClockWithTargetsVariableTest, DueSoonThenBreachedAreEachAnnouncedOnce) {
    auto ws = connect();
    // Decided 43 s ago: on track now, due soon in 2 s (45 s), breached in 17 s (60 s).
    const auto decided = system_clock::now() - seconds(43);
    const std::string id = str(createCase(alice().token, object{{"name", "Urgent"},
                                                                {"section", uniqueSection()},
                                                                {"priority", "urgent"},
                                                                {"decision_at", rfc3339(decided)}}),
                               "id");
    auto events = Events::until(*ws, "clock", 1, seconds(8), milliseconds(0));
    ASSERT_EQ(clockEvents(events, id, "due_soon"), 1u) << Events::describe(events);
    EXPECT_LE(system_clock::now(), decided + seconds(45 + 5));
    auto later = Events::until(*ws, "clock", 1, seconds(25), seconds(2));
    EXPECT_EQ(clockEvents(later, id, "breached"), 1u) << Events::describe(later);
    EXPECT_EQ(Events::count(later, "clock"), 1u) << Events::describe(later);
    EXPECT_LE(system_clock::now() - seconds(2), decided + seconds(60 + 5));
}

// Bad configuration: exit code 2 and exactly one non-empty line on stderr that names the file.
TEST(ClockConfiguration, ABadTargetsFileStopsTheStart) {
    const std::string dir = makeTempDir("caseboard-it-targets");
    auto refused = [&](const std::string& json, const std::string& what) {
        const std::string file = dir + "/targets.json";
        std::ofstream(file, std::ios::trunc) << json;
        const auto result =
            ProcessRunner::run({"serve", "--host", "127.0.0.1", "--port", "0", "--database",
                                dir + "/caseboard.db", "--targets", file});
        EXPECT_EQ(result.exitCode, 2) << what << "\nstderr: " << result.err;
        std::string err = result.err;
        while (!err.empty() && err.back() == '\n') err.pop_back();
        EXPECT_EQ(err.find('\n'), std::string::npos) << what << ": " << result.err;
        EXPECT_NE(err.find("--targets"), std::string::npos) << what << ": " << result.err;
        return err;
    };
    EXPECT_NE(refused("{\"pathways\": ", "not JSON").find("not JSON"), std::string::npos);
    EXPECT_NE(
        refused(R"({"priorities": {"urgent": {"from": "decision_at", "minutes": 0}}})", "minutes 0")
            .find("priorities.urgent.minutes"),
        std::string::npos);
    EXPECT_NE(refused(R"({"priorities": {"soon": {"from": "decision_at", "minutes": 5}}})",
                      "unknown priority")
                  .find("priorities.soon"),
              std::string::npos);
    EXPECT_NE(refused(R"({"pathways": {}, "deadlines": {}})", "unknown key").find("deadlines"),
              std::string::npos);
    const auto missing =
        ProcessRunner::run({"serve", "--host", "127.0.0.1", "--port", "0", "--database",
                            dir + "/caseboard.db", "--targets", dir + "/missing.json"});
    EXPECT_EQ(missing.exitCode, 2) << missing.err;
    EXPECT_NE(missing.err.find("cannot read"), std::string::npos) << missing.err;
    removeTree(dir);
}

}  // namespace
}  // namespace caseboard::it
