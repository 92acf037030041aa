#pragma once

#include "harness/Checks.hpp"
#include "harness/HttpClient.hpp"
#include "harness/ServerProcess.hpp"
#include "harness/TestUsers.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <memory>
#include <string>

namespace caseboard::it {

// Base fixture: each test gets its own server in its own temp dir (override options() to pass
// flags or environment). On failure the server log is printed.
class ServerTest : public ::testing::Test {
  protected:
    void SetUp() override;
    void TearDown() override;
    virtual ServerOptions options() const { return {}; }

    ServerProcess& server() { return *server_; }
    unsigned short port() const { return server_->port(); }
    HttpClient http() const { return HttpClient(server_->port()); }
    TestUsers users() const { return TestUsers(server_->port()); }
    // A signed-in user created on first use.
    const TestUser& alice();

    // POST /cases/ and expect 201; returns the case (empty object and a test failure otherwise).
    boost::json::object createCase(const std::string& token, const boost::json::object& fields);
    boost::json::object createCase(const std::string& token, const std::string& name,
                                   const std::string& section);
    // GET /cases/<query> and expect 200 with an array.
    boost::json::array listCases(const std::string& token, const std::string& query);
    // The ids of a list, in order.
    static std::vector<std::string> ids(const boost::json::array& cases);

  private:
    std::unique_ptr<ServerProcess> server_;
    std::unique_ptr<TestUser> alice_;
};

}  // namespace caseboard::it
