// WebSocket fan-out measurement.
//
// Phases, each bounded by its own timeout: connect N clients to /ws?token=… (a bounded number of
// handshakes in flight) → settle → a writer POSTs `rate` cases per second for `duration` seconds on
// its own keep-alive connections (a small pool, so that the rate holds even when a POST takes
// longer than the interval between two; writing stops at 3 × duration whatever happens) → drain
// until every client has every acknowledged event, or no new delivery came for `drain-idle`
// seconds, or `drain-timeout` → report. A global deadline stops everything whatever happens.
//
// Each delivery's latency is the time from just before the POST was written to the moment the
// client's read of the create event completed. Events are matched by the case name the writer chose
// (in the event's "data"), or by the case id of the POST response when an event carries no data.
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "tool/Endpoint.hpp"
#include "tool/HttpConnection.hpp"
#include "tool/JsonField.hpp"
#include "tool/Modes.hpp"
#include "tool/Percentiles.hpp"
#include "tool/ProcStatus.hpp"
#include "tool/Report.hpp"
#include "tool/WsClient.hpp"

namespace bench {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

struct Options {
    tcp::endpoint endpoint;
    std::string token;
    std::uint32_t clients = 1000;
    double rate = 20;
    double durationS = 10;
    milliseconds connectTimeout{60000};
    milliseconds settle{1000};
    milliseconds drainTimeout{60000};
    milliseconds drainIdle{5000};
    std::uint32_t maxConnecting = 200;
    int serverPid = 0;
    std::string tag;
    bool tokenInHeader = false;  // Authorization: Bearer on the upgrade instead of ?token=
    std::uint32_t writers = 64;  // writer connections
};

std::uint32_t micros(Clock::duration d) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
    return us < 0 ? 0u : static_cast<std::uint32_t>(us);
}

class Fanout final : public WsClientEvents {
  public:
    explicit Fanout(Options options)
        : o_(std::move(options)),
          io_(1),
          phaseTimer_(io_),
          tickTimer_(io_),
          writeCapTimer_(io_),
          deadline_(io_),
          total_(static_cast<std::uint32_t>(o_.rate * o_.durationS + 0.5)),
          prefix_("fanout-" + o_.tag + "-"),
          wsTarget_{o_.endpoint,
                    o_.endpoint.address().to_string() + ":" + std::to_string(o_.endpoint.port()),
                    o_.tokenInHeader ? "/ws" : "/ws?token=" + o_.token,
                    o_.tokenInHeader ? o_.token : "", o_.connectTimeout} {
        active_.assign(o_.clients, 0);
        state_.assign(o_.clients, 0);
        seen_.assign(static_cast<std::size_t>(o_.clients) * total_, 0);
        sentAt_.assign(total_, {});
        acked_.assign(total_, 0);
        perEvent_.assign(total_, 0);
        lastLatency_.assign(total_, 0);
    }

    int run() {
        auto budget =
            o_.connectTimeout + o_.settle + writeCap() + o_.drainTimeout + milliseconds(30000);
        deadline_.expires_after(budget);
        deadline_.async_wait([this](beast::error_code ec) {
            if (ec) return;
            std::cerr << "wsfanout: global deadline reached, stopping\n";
            aborted_ = true;
            finish();
        });
        for (std::uint32_t w = 0; w < o_.writers; ++w) {
            auto writer =
                std::make_shared<HttpConnection>(io_, o_.endpoint, o_.token, milliseconds(10000));
            writers_.push_back(writer);
            writer->connect([this, w](beast::error_code ec) {
                if (finished_) return;
                if (ec) {
                    std::cerr << "wsfanout: writer cannot connect: " << ec.message() << '\n';
                    aborted_ = true;
                    finish();
                    return;
                }
                idle_.push_back(w);
                if (idle_.size() == o_.writers) startConnecting();
            });
        }
        io_.run();
        return aborted_ ? 1 : 0;
    }

    milliseconds writeCap() const { return milliseconds(static_cast<long>(o_.durationS * 3000)); }

    void onConnected(std::uint32_t index) override {
        state_[index] = kUp;
        ++connected_;
        launchNext();
    }

    void onConnectFailed(std::uint32_t index, beast::error_code ec, unsigned status) override {
        state_[index] = kDown;
        if (++connectFailed_ <= 5) {
            std::cerr << "wsfanout: connect failed: " << ec.message();
            if (status != 0) std::cerr << " (HTTP " << status << ")";
            std::cerr << '\n';
        }
        ++failStatus_[status];
        launchNext();
    }

    void onClosed(std::uint32_t index, std::string_view why, unsigned closeCode) override {
        state_[index] = kDown;
        if (finished_) return;
        if (active_[index]) {
            ++dropped_;
            if (dropped_ <= 5) {
                std::cerr << "wsfanout: client dropped: " << why << " (close code " << closeCode
                          << ")\n";
            }
        }
    }

    void onMessage(std::uint32_t index, std::string_view text, Clock::time_point at) override {
        ++messages_;
        if (!active_[index]) return;
        if (stringField(text, "action") != "create") {
            ++otherMessages_;
            return;
        }
        eventBytes_ = std::max(eventBytes_, text.size());
        std::string_view name = stringField(text, "name");
        if (name.size() > prefix_.size() && name.substr(0, prefix_.size()) == prefix_) {
            std::uint32_t seq = 0;
            for (char c : name.substr(prefix_.size()))
                seq = seq * 10 + static_cast<std::uint32_t>(c - '0');
            record(index, seq, at);
            return;
        }
        std::string id(stringField(text, "case"));
        if (auto it = idToSeq_.find(id); it != idToSeq_.end()) {
            record(index, it->second, at);
        } else if (name.empty() && !id.empty()) {
            pending_[id].push_back({index, at});  // event before the POST's response
        } else {
            ++otherMessages_;
        }
    }

  private:
    struct Pending {
        std::uint32_t index;
        Clock::time_point at;
    };

    enum class Phase { Connecting, Settling, Writing, Draining, Done };

    void startConnecting() {
        connectStart_ = Clock::now();
        clients_.reserve(o_.clients);
        for (std::uint32_t i = 0; i < o_.clients; ++i) {
            clients_.push_back(std::make_unique<WsClient>(*this, io_, wsTarget_, i));
        }
        for (std::uint32_t i = 0; i < std::min(o_.maxConnecting, o_.clients); ++i) launchNext();
        phaseTimer_.expires_after(o_.connectTimeout);
        phaseTimer_.async_wait([this](beast::error_code ec) {
            if (ec || phase_ != Phase::Connecting) return;
            std::cerr << "wsfanout: connect phase timed out with " << connected_ << " of "
                      << o_.clients << " connected\n";
            connectTimedOut_ = true;
            startSettling();
        });
    }

    void launchNext() {
        if (phase_ == Phase::Connecting && connected_ + connectFailed_ == o_.clients) {
            phaseTimer_.cancel();
            startSettling();
            return;
        }
        if (launched_ < o_.clients && phase_ == Phase::Connecting) clients_[launched_++]->start();
    }

    void startSettling() {
        if (phase_ != Phase::Connecting) return;
        phase_ = Phase::Settling;
        connectSeconds_ = std::chrono::duration<double>(Clock::now() - connectStart_).count();
        phaseTimer_.expires_after(o_.settle);
        phaseTimer_.async_wait([this](beast::error_code ec) {
            if (ec) return;
            startWriting();
        });
    }

    void startWriting() {
        if (finished_) return;
        // Clients that completed the handshake (and did not drop since) are the expected audience.
        for (std::uint32_t i = 0; i < o_.clients; ++i) activeCount_ += (active_[i] = clientUp(i));
        rssConnectedKb_ = procStatusKb(o_.serverPid, "VmRSS");
        phase_ = Phase::Writing;
        writeStart_ = Clock::now();
        writeCapTimer_.expires_after(writeCap());
        writeCapTimer_.async_wait([this](beast::error_code ec) {
            if (ec || phase_ != Phase::Writing) return;
            std::cerr << "wsfanout: writing capped at 3 x duration (" << sent_ << " POSTs sent)\n";
            writeCapped_ = true;
            tickTimer_.cancel();
            scheduled_ = sent_;
            if (inFlight_ == 0) endWriting();
        });
        tick();
    }

    bool clientUp(std::uint32_t i) const { return state_[i] == kUp; }

    void tick() {
        if (scheduled_ >= total_ || finished_ || phase_ != Phase::Writing) return;
        ++scheduled_;
        trySend();
        auto period = std::chrono::duration<double>(1.0 / o_.rate);
        tickTimer_.expires_at(writeStart_ +
                              std::chrono::duration_cast<Clock::duration>(period * scheduled_));
        tickTimer_.async_wait([this](beast::error_code ec) {
            if (!ec) tick();
        });
    }

    // Sends what the schedule owes on the idle writers (a late POST goes out as soon as one is
    // free).
    void trySend() {
        while (sent_ < scheduled_ && !idle_.empty()) {
            std::uint32_t w = idle_.back();
            idle_.pop_back();
            sendPost(w);
        }
    }

    void sendPost(std::uint32_t w) {
        std::uint32_t seq = sent_++;
        ++inFlight_;
        std::string body = "{\"name\":\"" + prefix_ + std::to_string(seq) +
                           "\",\"section\":\"fanout_bench\",\"diagnosis\":\"Fan-out probe\","
                           "\"outcome\":\"Pending\",\"surgery_date\":\"2025-03-01\"}";
        sentAt_[seq] = Clock::now();
        writers_[w]->request(http::verb::post, "/cases/", std::move(body),
                             [this, w, seq](beast::error_code ec, HttpConnection::Response& res) {
                                 onPostDone(w, seq, ec, res);
                             });
    }

    void onPostDone(std::uint32_t w, std::uint32_t seq, beast::error_code ec,
                    HttpConnection::Response& res) {
        --inFlight_;
        if (finished_) return;
        postRtt_.push_back(micros(Clock::now() - sentAt_[seq]));
        if (ec) {
            ++postsFailed_;
            std::cerr << "wsfanout: POST failed: " << ec.message() << '\n';
            if (++writersLost_ == o_.writers) {  // no connection left to write on
                tickTimer_.cancel();
                if (inFlight_ == 0) startDraining();
                return;
            }
        } else {
            idle_.push_back(w);
            if (res.result_int() != 201) {
                if (++postsFailed_ <= 5) {
                    std::cerr << "wsfanout: POST → " << res.result_int() << ' ' << res.body()
                              << '\n';
                }
            } else {
                acked_[seq] = 1;
                ++postsAcked_;
                std::string id(stringField(res.body(), "id"));
                idToSeq_[id] = seq;
                if (auto it = pending_.find(id); it != pending_.end()) {
                    for (const auto& p : it->second) record(p.index, seq, p.at);
                    pending_.erase(it);
                }
            }
        }
        trySend();
        if ((sent_ == total_ || writeCapped_) && inFlight_ == 0) endWriting();
    }

    void endWriting() {
        writeSeconds_ = std::chrono::duration<double>(Clock::now() - writeStart_).count();
        writeCapTimer_.cancel();
        startDraining();
    }

    void record(std::uint32_t index, std::uint32_t seq, Clock::time_point at) {
        if (seq >= total_ || seq >= sent_) {
            ++otherMessages_;
            return;
        }
        auto& seen = seen_[static_cast<std::size_t>(index) * total_ + seq];
        if (seen) {
            ++duplicated_;
            return;
        }
        seen = 1;
        ++perEvent_[seq];
        auto latency = micros(at - sentAt_[seq]);
        latencies_.push_back(latency);
        lastLatency_[seq] = std::max(lastLatency_[seq], latency);
    }

    std::uint64_t deliveredForAcked() const {
        std::uint64_t sum = 0;
        for (std::uint32_t s = 0; s < total_; ++s) {
            if (acked_[s]) sum += perEvent_[s];
        }
        return sum;
    }

    void startDraining() {
        if (phase_ == Phase::Draining || phase_ == Phase::Done) return;
        phase_ = Phase::Draining;
        drainStart_ = lastProgress_ = Clock::now();
        pollDrain();
    }

    void pollDrain() {
        if (finished_) return;
        auto now = Clock::now();
        std::uint64_t delivered = deliveredForAcked();
        if (delivered != lastDelivered_) {
            lastDelivered_ = delivered;
            lastProgress_ = now;
        }
        bool complete = delivered >= std::uint64_t(postsAcked_) * activeCount_;
        bool idle = now - lastProgress_ >= o_.drainIdle;
        if (complete || idle || now - drainStart_ >= o_.drainTimeout) {
            drainSeconds_ = std::chrono::duration<double>(now - drainStart_).count();
            if (!complete) {
                std::cerr << "wsfanout: drain ended incomplete ("
                          << (idle ? "no delivery for drain-idle" : "drain-timeout") << ")\n";
            }
            finish();
            return;
        }
        phaseTimer_.expires_after(milliseconds(20));
        phaseTimer_.async_wait([this](beast::error_code ec) {
            if (!ec) pollDrain();
        });
    }

    void finish() {
        if (finished_) return;
        finished_ = true;
        phase_ = Phase::Done;
        printReport();
        phaseTimer_.cancel();
        tickTimer_.cancel();
        writeCapTimer_.cancel();
        deadline_.cancel();
        for (auto& c : clients_) c->close();
        for (auto& w : writers_) w->close();
        io_.stop();
    }

    void printReport() {
        std::uint64_t expected = std::uint64_t(postsAcked_) * activeCount_;
        std::uint64_t delivered = deliveredForAcked();
        std::vector<std::uint32_t> everyClient;  // per event: latency until the last client had it
        for (std::uint32_t s = 0; s < total_; ++s) {
            if (acked_[s] && perEvent_[s] == activeCount_) everyClient.push_back(lastLatency_[s]);
        }
        std::size_t completeEvents = everyClient.size();
        auto all = summarize(latencies_);
        auto last = summarize(everyClient);
        auto rtt = summarize(postRtt_);
        report("clients", o_.clients);
        report("token_in", o_.tokenInHeader ? "header" : "query");
        report("connected", activeCount_);
        report("connect_failed", connectFailed_);
        report("connect_timed_out", connectTimedOut_ ? 1 : 0);
        for (const auto& [status, count] : failStatus_) {
            report("connect_failed_http_" + std::to_string(status), count);
        }
        report("connect_seconds", connectSeconds_);
        report("dropped", dropped_);
        report("posts_sent", sent_);
        report("posts_acked", postsAcked_);
        report("posts_failed", postsFailed_);
        report("write_seconds", writeSeconds_);
        report("write_capped", writeCapped_ ? 1 : 0);
        report("drain_seconds", drainSeconds_);
        report("posts_per_second", writeSeconds_ > 0 ? sent_ / writeSeconds_ : 0.0);
        report("expected", expected);
        report("delivered", delivered);
        report("lost", expected > delivered ? expected - delivered : 0);
        report("duplicated", duplicated_);
        report("other_messages", otherMessages_);
        report("event_bytes", eventBytes_);
        report("events_reaching_every_client", completeEvents);
        reportLatency("latency", all);
        reportLatency("every_client", last);
        reportLatency("post_rtt", rtt);
        report("server_vmrss_kb_connected", rssConnectedKb_);
        report("server_vmrss_kb_end", procStatusKb(o_.serverPid, "VmRSS"));
        report("server_vmhwm_kb", procStatusKb(o_.serverPid, "VmHWM"));
        report("aborted", aborted_ ? 1 : 0);
        std::cout.flush();
    }

    static constexpr std::uint8_t kUp = 1;
    static constexpr std::uint8_t kDown = 2;

    Options o_;
    asio::io_context io_;
    asio::steady_timer phaseTimer_;
    asio::steady_timer tickTimer_;
    asio::steady_timer writeCapTimer_;
    asio::steady_timer deadline_;
    std::uint32_t total_;
    std::string prefix_;
    WsTarget wsTarget_;
    std::vector<std::shared_ptr<HttpConnection>> writers_;
    std::vector<std::uint32_t> idle_;  // writers with no request in flight
    std::vector<std::unique_ptr<WsClient>> clients_;
    Phase phase_ = Phase::Connecting;
    bool finished_ = false;
    bool aborted_ = false;
    bool connectTimedOut_ = false;
    std::uint32_t inFlight_ = 0;
    std::uint32_t writersLost_ = 0;
    double writeSeconds_ = 0;
    double drainSeconds_ = 0;
    bool writeCapped_ = false;
    std::uint64_t lastDelivered_ = 0;
    Clock::time_point lastProgress_;
    std::uint32_t launched_ = 0;
    std::uint32_t connected_ = 0;
    std::uint32_t connectFailed_ = 0;
    std::uint32_t dropped_ = 0;
    std::uint32_t activeCount_ = 0;
    std::map<unsigned, std::uint32_t> failStatus_;  // 0: no HTTP answer
    std::vector<std::uint8_t> state_;               // 0 connecting, kUp, kDown
    std::vector<std::uint8_t> active_;
    std::vector<std::uint8_t> seen_;
    std::vector<Clock::time_point> sentAt_;
    std::vector<std::uint8_t> acked_;
    std::vector<std::uint32_t> perEvent_;
    std::vector<std::uint32_t> lastLatency_;
    std::vector<std::uint32_t> latencies_;
    std::vector<std::uint32_t> postRtt_;
    std::unordered_map<std::string, std::uint32_t> idToSeq_;
    std::unordered_map<std::string, std::vector<Pending>> pending_;
    std::uint32_t scheduled_ = 0;
    std::uint32_t sent_ = 0;
    std::uint32_t postsAcked_ = 0;
    std::uint32_t postsFailed_ = 0;
    std::uint64_t duplicated_ = 0;
    std::uint64_t messages_ = 0;
    std::uint64_t otherMessages_ = 0;
    std::size_t eventBytes_ = 0;  // the largest create event's payload (for the floor's frames)
    double connectSeconds_ = 0;
    long rssConnectedKb_ = -1;
    Clock::time_point connectStart_;
    Clock::time_point writeStart_;
    Clock::time_point drainStart_;
};

}  // namespace

int runFanout(const Args& args) {
    Options o;
    o.endpoint = serverEndpoint(args);
    o.token = args.required("token");
    o.clients = static_cast<std::uint32_t>(args.integer("clients", 1000));
    o.rate = args.real("rate", 20);
    o.durationS = args.real("duration", 10);
    o.connectTimeout = milliseconds(static_cast<long>(args.real("connect-timeout", 60) * 1000));
    o.settle = milliseconds(static_cast<long>(args.real("settle", 1) * 1000));
    o.drainTimeout = milliseconds(static_cast<long>(args.real("drain-timeout", 60) * 1000));
    o.drainIdle = milliseconds(static_cast<long>(args.real("drain-idle", 5) * 1000));
    o.maxConnecting = static_cast<std::uint32_t>(args.integer("max-connecting", 200));
    o.writers = static_cast<std::uint32_t>(args.integer("writers", 32));
    o.serverPid = static_cast<int>(args.integer("server-pid", 0));
    o.tokenInHeader = args.text("token-in", "query") == "header";
    o.tag = args.text("tag", std::to_string(Clock::now().time_since_epoch().count() % 1000000007));
    if (o.clients == 0 || o.rate <= 0 || o.durationS <= 0 || o.maxConnecting == 0 ||
        o.writers == 0) {
        throw std::invalid_argument(
            "--clients, --rate, --duration, --max-connecting, --writers must be > 0");
    }
    Fanout fanout(std::move(o));
    return fanout.run();
}

}  // namespace bench
