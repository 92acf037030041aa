// A board large enough to be sent from a memory file (the kernel's pages, not a copy per
// response): it must arrive whole, the same as when it was first computed, on a connection that
// goes on serving, to a reader however slow, and never older than an acknowledged write.
#include "harness/ServerTest.hpp"

#include <boost/asio.hpp>

#include <array>
#include <chrono>
#include <thread>

namespace caseboard::it {
namespace {

using boost::json::object;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

class LargeBodyTest : public ServerTest {
  protected:
    // One user fills the board with hundreds of cases at once: beyond any one person's rate.
    ServerOptions options() const override { return {{"--writes-per-second", "0"}, {}, false}; }

    // Enough cases with long notes that the board is far over the size sent from a file.
    void fillTheBoard(int cases = 60, std::size_t notes = 600) {
        HttpClient writer(port(), true);
        for (int i = 0; i < cases; ++i) {
            auto created = writer.postJson("/cases/",
                                           object{{"name", "Patient " + std::to_string(i)},
                                                  {"section", "on_list"},
                                                  {"notes", std::string(notes, 'a' + i % 26)}},
                                           alice().token);
            ASSERT_EQ(created.status, 201);
        }
    }
};

TEST_F(LargeBodyTest, ACachedLargeListArrivesWholeOnAConnectionThatGoesOn) {
    fillTheBoard();
    HttpClient client(port(), true);
    auto first = client.get("/cases/", alice().token);  // computed, then kept
    ASSERT_EQ(first.status, 200);
    ASSERT_GT(first.body.size(), 32u * 1024);
    ASSERT_EQ(first.json().as_array().size(), 60u);
    for (int i = 0; i < 3; ++i) {
        auto again = client.get("/cases/", alice().token);  // from memory
        ASSERT_EQ(again.status, 200);
        EXPECT_EQ(again.body, first.body);
        EXPECT_EQ(again.header("Content-Length"), std::to_string(first.body.size()));
        EXPECT_EQ(again.header("Content-Type"), "application/json");
        EXPECT_EQ(again.header("Cache-Control"), "no-store");
    }
    auto head = client.request("HEAD", "/cases/", std::nullopt,
                               {{"Authorization", "Bearer " + alice().token}});
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("Content-Length"), std::to_string(first.body.size()));
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(client.get("/healthz").status, 200);
    EXPECT_EQ(client.connectionsOpened(), 1);
}

TEST_F(LargeBodyTest, ALargeListIsNeverOlderThanAnAcknowledgedWrite) {
    fillTheBoard();
    HttpClient reader(port(), true);
    auto c = createCase(alice().token, "Changing", "on_list");
    const std::string path = "/cases/" + str(c, "id");
    for (int i = 0; i < 20; ++i) {
        ASSERT_EQ(reader.get("/cases/", alice().token).status, 200);  // warm
        const std::string outcome = "Outcome " + std::to_string(i);
        ASSERT_EQ(http().patchJson(path, object{{"outcome", outcome}}, alice().token).status, 200);
        auto list = reader.get("/cases/", alice().token);
        ASSERT_EQ(list.status, 200);
        bool seen = false;
        const auto items = list.json();
        for (const auto& item : items.as_array()) {
            if (str(item, "id") == str(c, "id")) seen = str(item, "outcome") == outcome;
        }
        EXPECT_TRUE(seen) << "round " << i << ": the list predates the acknowledged change";
    }
}

// The server's socket fills up before this reader takes anything (a loopback socket buffers a
// few MB): the rest of the body must follow as room appears, and the next request on the
// connection must still be answered.
TEST_F(LargeBodyTest, AClientThatResetsMidListLeavesTheServerServing) {
    fillTheBoard(500, 10000);
    ASSERT_GT(http().get("/cases/", alice().token).body.size(), 4u * 1024 * 1024);
    const std::string request =
        "GET /cases/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + alice().token +
        "\r\n\r\n";
    // Each reads a little of the list, so that the server is in the middle of sending it from
    // the file, then resets the connection: the server's next write meets a reset peer.
    for (int i = 0; i < 20; ++i) {
        asio::io_context io;
        tcp::socket socket(io);
        socket.open(tcp::v4());
        socket.set_option(asio::socket_base::receive_buffer_size(4096));
        socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()));
        asio::write(socket, asio::buffer(request));
        std::array<char, 16 * 1024> chunk{};
        boost::system::error_code ec;
        asio::read(socket, asio::buffer(chunk), ec);
        socket.set_option(asio::socket_base::linger(true, 0));
        socket.close();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto health = http().get("/healthz");
    EXPECT_EQ(health.status, 200) << describe(health);
    // Still there to be asked to stop, and stops cleanly (a SIGPIPE death reads -13 here).
    EXPECT_EQ(server().stop(), 0);
}

TEST_F(LargeBodyTest, ASlowReaderGetsTheWholeLargeListAndTheNextAnswer) {
    fillTheBoard(500, 10000);
    auto expected = http().get("/cases/", alice().token).body;  // also fills the cache
    ASSERT_GT(expected.size(), 4u * 1024 * 1024);

    asio::io_context io;
    tcp::socket socket(io);
    socket.open(tcp::v4());
    socket.set_option(asio::socket_base::receive_buffer_size(4096));
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()));
    const std::string request =
        "GET /cases/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + alice().token +
        "\r\n\r\n";
    asio::write(socket, asio::buffer(request + request));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));

    std::string received;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    auto complete = [&] {
        // Two responses, each a head and exactly the expected body.
        auto firstEnd = received.find("\r\n\r\n");
        if (firstEnd == std::string::npos) return false;
        auto secondHead = firstEnd + 4 + expected.size();
        auto secondEnd = received.find("\r\n\r\n", secondHead);
        return secondEnd != std::string::npos && received.size() >= secondEnd + 4 + expected.size();
    };
    std::array<char, 64 * 1024> chunk{};
    while (!complete() && std::chrono::steady_clock::now() < deadline) {
        socket.non_blocking(true);
        boost::system::error_code ec;
        auto n = socket.read_some(asio::buffer(chunk), ec);
        if (ec == asio::error::would_block) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            continue;
        }
        ASSERT_FALSE(ec) << ec.message();
        received.append(chunk.data(), n);
    }
    ASSERT_TRUE(complete()) << "received " << received.size() << " bytes";
    auto firstEnd = received.find("\r\n\r\n");
    EXPECT_EQ(received.substr(0, received.find("\r\n")), "HTTP/1.1 200 OK");
    EXPECT_EQ(received.substr(firstEnd + 4, expected.size()), expected);
    auto second = received.substr(firstEnd + 4 + expected.size());
    EXPECT_EQ(second.substr(0, second.find("\r\n")), "HTTP/1.1 200 OK");
    EXPECT_EQ(second.substr(second.find("\r\n\r\n") + 4), expected);
}

}  // namespace
}  // namespace caseboard::it
