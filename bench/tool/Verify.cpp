// Crash probe, check half: reads the acknowledged ids (--ids, one per line) and GETs each
// /cases/{id} over a few keep-alive connections. Every id must answer 200; a 404 is a lost write.
// Bounded by --timeout. Missing ids are written to --missing (if given) and the first few to
// stderr.
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "tool/Endpoint.hpp"
#include "tool/HttpConnection.hpp"
#include "tool/Modes.hpp"
#include "tool/Report.hpp"

namespace bench {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;

class Verifier {
  public:
    Verifier(tcp::endpoint endpoint, std::string token, std::vector<std::string> ids,
             unsigned connections, milliseconds timeout)
        : io_(1),
          deadline_(io_),
          endpoint_(endpoint),
          token_(std::move(token)),
          ids_(std::move(ids)),
          connections_(connections),
          timeout_(timeout) {}

    void run() {
        deadline_.expires_after(timeout_);
        deadline_.async_wait([this](beast::error_code ec) {
            if (ec) return;
            std::cerr << "verify: timed out\n";
            timedOut_ = true;
            for (auto& c : pool_) c->close();
            io_.stop();
        });
        for (unsigned i = 0; i < connections_; ++i) {
            auto c = std::make_shared<HttpConnection>(io_, endpoint_, token_, milliseconds(10000));
            pool_.push_back(c);
            c->connect([this, c](beast::error_code ec) {
                if (ec) {
                    std::cerr << "verify: connect failed: " << ec.message() << '\n';
                    done();
                    return;
                }
                next(c);
            });
        }
        io_.run();
    }

    void print(const std::string& missingPath) const {
        if (!missingPath.empty()) {
            std::ofstream out(missingPath, std::ios::trunc);
            for (const auto& id : missing_) out << id << '\n';
        }
        for (std::size_t i = 0; i < missing_.size() && i < 10; ++i) {
            std::cerr << "verify: acknowledged case missing: " << missing_[i] << '\n';
        }
        report("checked", found_ + missing_.size() + other_);
        report("found", found_);
        report("missing", missing_.size());
        report("other", other_);
        report("unchecked", ids_.size() - (found_ + missing_.size() + other_));
        report("timed_out", timedOut_ ? 1 : 0);
    }

  private:
    void next(const std::shared_ptr<HttpConnection>& c) {
        if (cursor_ >= ids_.size()) {
            done();
            return;
        }
        const std::string& id = ids_[cursor_++];
        c->request(http::verb::get, "/cases/" + id, {},
                   [this, c, &id](beast::error_code ec, HttpConnection::Response& res) {
                       if (ec) {
                           std::cerr << "verify: GET failed: " << ec.message() << '\n';
                           done();
                           return;
                       }
                       if (res.result_int() == 200) {
                           ++found_;
                       } else if (res.result_int() == 404) {
                           missing_.push_back(id);
                       } else {
                           if (++other_ <= 3)
                               std::cerr << "verify: GET → " << res.result_int() << '\n';
                       }
                       next(c);
                   });
    }

    void done() {
        if (++finished_ == connections_) deadline_.cancel();
    }

    asio::io_context io_;
    asio::steady_timer deadline_;
    tcp::endpoint endpoint_;
    std::string token_;
    std::vector<std::string> ids_;
    unsigned connections_;
    milliseconds timeout_;
    std::vector<std::shared_ptr<HttpConnection>> pool_;
    std::size_t cursor_ = 0;
    unsigned finished_ = 0;
    std::size_t found_ = 0;
    std::size_t other_ = 0;
    std::vector<std::string> missing_;
    bool timedOut_ = false;
};

}  // namespace

int runVerify(const Args& args) {
    std::ifstream in(args.required("ids"));
    std::vector<std::string> ids;
    std::set<std::string> unique;
    std::size_t duplicates = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        if (!unique.insert(line).second) {
            ++duplicates;
            continue;
        }
        ids.push_back(line);
    }
    Verifier verifier(serverEndpoint(args), args.required("token"), std::move(ids),
                      static_cast<unsigned>(args.integer("connections", 8)),
                      milliseconds(static_cast<long>(args.real("timeout", 120) * 1000)));
    verifier.run();
    report("duplicate_acks", duplicates);
    verifier.print(args.text("missing", ""));
    return 0;
}

}  // namespace bench
