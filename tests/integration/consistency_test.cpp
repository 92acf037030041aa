// Guarantees that speed must not cost: a cached list is never older than an acknowledged write,
// and a kill -9 never leaves a change without its audit entry or an entry without its change.
#include "harness/ServerTest.hpp"

#include <atomic>
#include <mutex>
#include <thread>

namespace caseboard::it {
namespace {

using boost::json::object;

class ConsistencyTest : public ServerTest {};

TEST_F(ConsistencyTest, AListReadAfterAnAcknowledgedWriteAlwaysShowsIt) {
    const std::string section = uniqueSection();
    const std::string token = alice().token;
    auto c = createCase(token, "v0", section);
    const std::string id = str(c, "id");
    HttpClient reader(port(), true);
    HttpClient writer(port(), true);
    for (int i = 1; i <= 200; ++i) {
        // Warm the cache for both the whole board and this section, then change the case.
        ASSERT_EQ(reader.get("/cases/", token).status, 200);
        ASSERT_EQ(reader.get("/cases/?section=" + section, token).status, 200);
        const std::string name = "v" + std::to_string(i);
        ASSERT_EQ(writer.patchJson("/cases/" + id, object{{"name", name}}, token).status, 200);
        auto board = reader.get("/cases/?section=" + section, token).json().as_array();
        ASSERT_EQ(board.size(), 1u);
        ASSERT_EQ(str(board[0].as_object(), "name"), name) << "stale list after write " << i;
    }
}

TEST_F(ConsistencyTest, AfterKillNineEveryCaseHasExactlyTheAuditEntriesOfItsChanges) {
    const std::string section = uniqueSection();
    const std::string token = alice().token;
    std::atomic<bool> stop{false};
    std::atomic<int> acknowledged{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
        writers.emplace_back([&, w] {
            HttpClient client(port(), false, std::chrono::seconds(5));
            for (int i = 0; i < 2000 && !stop.load(); ++i) {
                auto created = client.postJson(
                    "/cases/",
                    object{{"name", "w" + std::to_string(w) + "-" + std::to_string(i)},
                           {"section", section}},
                    token);
                if (created.status != 201) return;  // the server is gone
                auto patched = client.patchJson("/cases/" + str(created.json(), "id"),
                                                object{{"outcome", "Scheduled"}}, token);
                if (patched.status != 200) return;
                ++acknowledged;
            }
        });
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (acknowledged.load() < 30 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    server().kill9();
    stop = true;
    for (auto& writer : writers) writer.join();
    ASSERT_GE(acknowledged.load(), 30) << "the writers were too slow";

    ASSERT_NO_THROW(server().start());
    auto cases = listCases(token, "?section=" + section + "&limit=1000");
    ASSERT_GE(cases.size(), static_cast<std::size_t>(acknowledged.load()));
    std::size_t creates = 0;
    for (const auto& value : cases) {
        const auto& c = value.as_object();
        auto history = http().get("/cases/" + str(c, "id") + "/history", token).json().as_array();
        std::size_t created = 0;
        std::size_t updated = 0;
        for (const auto& entry : history) {
            created += str(entry.as_object(), "action") == "create";
            updated += str(entry.as_object(), "action") == "update";
        }
        EXPECT_EQ(created, 1u) << str(c, "id");
        // Version 1 on create, +1 per update: each committed update left exactly one entry.
        EXPECT_EQ(static_cast<std::int64_t>(updated), c.at("version").as_int64() - 1)
            << str(c, "id");
        ++creates;
    }
    // No entry outlived its change either: every create recorded in this section is a case here.
    auto trail = http().get("/audit?action=create&limit=1000", token).json().as_array();
    std::size_t sectionCreates = 0;
    for (const auto& entry : trail) {
        const auto& changes = entry.at("changes").as_object();
        if (changes.at("section").at("after").as_string() == section) ++sectionCreates;
    }
    EXPECT_EQ(sectionCreates, creates);
}

}  // namespace
}  // namespace caseboard::it
