// Crash probe, load half: `streams` keep-alive connections each POST cases back to back and record
// the id of every fully received 201. The harness kills the server (SIGKILL) while this runs; a
// stream ends at its first connection error (no reconnect), so the tool ends soon after the kill.
// Bounded by --duration (stop sending) and a hard deadline (duration + 10 s). Writes the
// acknowledged ids, one per line, to --out.
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "tool/Endpoint.hpp"
#include "tool/HttpConnection.hpp"
#include "tool/JsonField.hpp"
#include "tool/Modes.hpp"
#include "tool/Report.hpp"

namespace bench {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

class CrashLoad {
  public:
    CrashLoad(tcp::endpoint endpoint, std::string token, unsigned streams, milliseconds duration,
              std::string tag)
        : io_(1),
          stopTimer_(io_),
          deadline_(io_),
          endpoint_(endpoint),
          token_(std::move(token)),
          streams_(streams),
          duration_(duration),
          tag_(std::move(tag)) {}

    void run() {
        start_ = Clock::now();
        stopTimer_.expires_after(duration_);
        stopTimer_.async_wait([this](beast::error_code ec) {
            if (!ec) stopping_ = true;
        });
        deadline_.expires_after(duration_ + milliseconds(10000));
        deadline_.async_wait([this](beast::error_code ec) {
            if (ec) return;
            std::cerr << "crash: hard deadline reached\n";
            timedOut_ = true;
            end_ = Clock::now();
            for (auto& c : connections_) c->close();
            io_.stop();
        });
        for (unsigned i = 0; i < streams_; ++i) {
            auto c = std::make_shared<HttpConnection>(io_, endpoint_, token_, milliseconds(5000));
            connections_.push_back(c);
            c->connect([this, i](beast::error_code ec) {
                if (ec) {
                    end(ec);
                    return;
                }
                next(i, 0);
            });
        }
        io_.run();
    }

    void write(const std::string& path) const {
        std::ofstream out(path, std::ios::trunc);
        for (const auto& id : ids_) out << id << '\n';
    }

    void print() const {
        report("streams", streams_);
        report("acked", ids_.size());
        report("ended_by_error", endedByError_);
        report("non_201", non201_);
        for (const auto& [status, count] : statuses_)
            report("status_" + std::to_string(status), count);
        report("ack_without_id", ackWithoutId_);
        report("elapsed_s", std::chrono::duration<double>(end_ - start_).count());
        report("timed_out", timedOut_ ? 1 : 0);
    }

  private:
    void next(unsigned stream, unsigned n) {
        if (stopping_) {
            end({});
            return;
        }
        std::string body = "{\"name\":\"crash-" + tag_ + "-" + std::to_string(stream) + "-" +
                           std::to_string(n) +
                           "\",\"section\":\"crash_probe\",\"diagnosis\":\"Crash probe\","
                           "\"outcome\":\"Pending\"}";
        connections_[stream]->request(
            http::verb::post, "/cases/", std::move(body),
            [this, stream, n](beast::error_code ec, HttpConnection::Response& res) {
                if (ec) {
                    end(ec);
                    return;
                }
                if (res.result_int() == 201) {
                    auto id = stringField(res.body(), "id");
                    if (id.empty()) {
                        ++ackWithoutId_;
                    } else {
                        ids_.emplace_back(id);
                    }
                } else {
                    ++non201_;
                    ++statuses_[res.result_int()];
                    if (non201_ <= 3)
                        std::cerr << "crash: POST → " << res.result_int() << ' ' << res.body()
                                  << '\n';
                }
                next(stream, n + 1);
            });
    }

    void end(beast::error_code ec) {
        if (ec) ++endedByError_;
        if (++ended_ == streams_) {
            end_ = Clock::now();
            stopTimer_.cancel();
            deadline_.cancel();
        }
    }

    asio::io_context io_;
    asio::steady_timer stopTimer_;
    asio::steady_timer deadline_;
    tcp::endpoint endpoint_;
    std::string token_;
    unsigned streams_;
    milliseconds duration_;
    std::string tag_;
    std::vector<std::shared_ptr<HttpConnection>> connections_;
    std::vector<std::string> ids_;
    std::map<unsigned, unsigned> statuses_;
    unsigned ended_ = 0;
    unsigned endedByError_ = 0;
    unsigned non201_ = 0;
    unsigned ackWithoutId_ = 0;
    bool stopping_ = false;
    bool timedOut_ = false;
    Clock::time_point start_;
    Clock::time_point end_;
};

}  // namespace

int runCrashLoad(const Args& args) {
    CrashLoad load(serverEndpoint(args), args.required("token"),
                   static_cast<unsigned>(args.integer("streams", 64)),
                   milliseconds(static_cast<long>(args.real("duration", 15) * 1000)),
                   args.text("tag", "probe"));
    std::string out = args.required("out");
    load.run();
    load.write(out);
    load.print();
    return 0;
}

}  // namespace bench
