#pragma once

#include <gtest/gtest.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "PgServer.hpp"
#include "PgTestDatabase.hpp"
#include "harness/ServerProcess.hpp"
#include "harness/WsClient.hpp"

namespace caseboard::pgtest {

// A fresh database and any number of instances of the real binary on it, sharing the token key
// as behind a load balancer. Skipped outside tests/pg/with-postgres.sh; a failed test prints the
// tail of each instance's log.
class PgInstancesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!baseUrl()) {
            GTEST_SKIP() << "CASEBOARD_TEST_DATABASE_URL is not set: run under "
                            "tests/pg/with-postgres.sh";
        }
        database = std::make_unique<PgTestDatabase>();
        dir = it::makeTempDir("caseboard-pg");
    }
    void TearDown() override {
        if (HasFailure()) {
            for (std::size_t i = 0; i < servers.size(); ++i) {
                auto text = servers[i]->log();
                if (text.size() > 5000) text = text.substr(text.size() - 5000);
                std::cerr << "----- instance " << i << " log (tail) -----\n" << text << "\n";
            }
        }
        servers.clear();
        database.reset();
        if (!dir.empty()) it::removeTree(dir);
    }

    PgServer& instance(std::vector<std::string> extra = {}) {
        servers.push_back(std::make_unique<PgServer>(database->url(), dir + "/jwt-secret", extra));
        servers.back()->start();
        return *servers.back();
    }

    // A screen on the instance at `port`, subscribed: it hears every change from now on.
    std::unique_ptr<it::WsClient> connect(unsigned short port, const std::string& token) {
        auto ws = std::make_unique<it::WsClient>(port);
        EXPECT_TRUE(ws->connect(it::WsOptions::withToken(token)))
            << "upgrade refused: " << ws->handshakeStatus() << " " << ws->handshakeBody();
        EXPECT_TRUE(ws->waitSubscribed());
        return ws;
    }

    std::unique_ptr<PgTestDatabase> database;
    std::string dir;
    std::vector<std::unique_ptr<PgServer>> servers;
};

}  // namespace caseboard::pgtest
