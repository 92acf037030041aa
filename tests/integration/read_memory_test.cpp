// Reads that cost memory: the list cache is bounded in bytes (--list-cache-mib), a list being sent
// to many slow readers is one buffer per list version, never a copy per connection, and memory
// held for a load is given back when it goes. RSS bounds are generous: they tell a few copies of
// the board from dozens.
#include "harness/ProcessMemory.hpp"
#include "harness/ServerTest.hpp"

#include <boost/asio.hpp>

#include <mutex>
#include <thread>

namespace caseboard::it {
namespace {

using boost::json::object;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

constexpr long kMiB = 1024;  // in KiB, as RSS is read
constexpr int kCases = 240;  // with 10,000-character notes: a board of about 2.5 MB

class ReadMemoryTest : public ServerTest {
  protected:
    // A small cache, so that a board of a few MB shows the bound; no write limit for the fill.
    // SQLite: the list cache exists where one instance owns the data.
    ServerOptions options() const override {
        return {{"--list-cache-mib", "4", "--writes-per-second", "0"}, {}, true};
    }

    void SetUp() override {
        // These tests measure nothing but resident memory, which under AddressSanitizer is its
        // allocator's quarantine, not what the server holds: they are reported as skipped there.
        if (!kResidentSizeIsMeaningful)
            GTEST_SKIP() << "resident size is not meaningful under ASan";
        ServerTest::SetUp();
        fillTheBoard();
        auto list = http().get("/cases/", alice().token);
        ASSERT_EQ(list.status, 200);
        listKib_ = static_cast<long>(list.body.size() / 1024);
        ASSERT_GT(listKib_, 2 * kMiB);
        caseId_ = str(list.json().as_array().front(), "id");
        before_ = settledResidentKib(server().pid());
    }

    void fillTheBoard() {
        constexpr int kWriters = 4;
        const std::string token = alice().token;  // signed in once, before the writers start
        std::vector<std::thread> writers;
        std::mutex mutex;
        std::string failure;
        for (int w = 0; w < kWriters; ++w) {
            writers.emplace_back([&, w] {
                HttpClient client(port(), true);
                for (int i = w; i < kCases; i += kWriters) {
                    auto created = client.postJson(
                        "/cases/",
                        object{{"name", "Patient " + std::to_string(i)},
                               {"section", "on_list"},
                               {"notes", std::string(10000, static_cast<char>('a' + i % 26))}},
                        token);
                    if (created.status == 201) continue;
                    std::lock_guard lock(mutex);
                    failure = describe(created);
                }
            });
        }
        for (auto& writer : writers) writer.join();
        ASSERT_EQ(failure, "");
    }

    // A new version of the board (the list cache empties).
    void change(int round) {
        auto changed =
            http().patchJson("/cases/" + caseId_,
                             object{{"outcome", "Round " + std::to_string(round)}}, alice().token);
        ASSERT_EQ(changed.status, 200) << describe(changed);
    }

    // A connection with a tiny receive window that asks for the board and reads nothing.
    std::unique_ptr<tcp::socket> slowReader() {
        auto socket = std::make_unique<tcp::socket>(io_);
        socket->open(tcp::v4());
        socket->set_option(asio::socket_base::receive_buffer_size(4096));
        socket->connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()));
        std::string request = "GET /cases/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                              alice().token + "\r\n\r\n";
        asio::write(*socket, asio::buffer(request));
        return socket;
    }

    long growth() { return settledResidentKib(server().pid()) - before_; }

    asio::io_context io_;
    long listKib_ = 0;
    long before_ = 0;
    std::string caseId_;
};

TEST_F(ReadMemoryTest, DistinctFiltersAndPagesStayWithinTheCacheAndMemoryReturns) {
    // 80 distinct lists of about the board's size: 80 boards' worth if each were kept.
    HttpClient client(port(), true);
    long peak = 0;
    for (int offset = 0; offset < 80; ++offset) {
        auto page = client.get("/cases/?offset=" + std::to_string(offset), alice().token);
        ASSERT_EQ(page.status, 200) << describe(page);
        ASSERT_EQ(page.json().as_array().size(), static_cast<std::size_t>(kCases - offset));
        peak = std::max(peak, residentKib(server().pid()) - before_);
    }
    EXPECT_LT(peak, 8 * listKib_ + 4 * kMiB)
        << "KiB over the start, with a " << listKib_ << " KiB board and a 4 MiB cache";
    EXPECT_LT(growth(), 4 * listKib_ + 4 * kMiB) << "KiB still held after the load";
}

TEST_F(ReadMemoryTest, SlowReadersOfOneListVersionShareOneBuffer) {
    change(0);
    std::vector<std::unique_ptr<tcp::socket>> readers;
    for (int i = 0; i < 40; ++i) readers.push_back(slowReader());
    EXPECT_LT(growth(), 8 * listKib_)
        << "KiB for 40 slow readers of one " << listKib_ << " KiB list";
    readers.clear();
    EXPECT_LT(growth(), 4 * listKib_) << "KiB still held once the readers went";
}

}  // namespace
}  // namespace caseboard::it
