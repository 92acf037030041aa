#pragma once

#include <gtest/gtest.h>

#include <exception>
#include <memory>

#include "SlapdServer.hpp"

namespace caseboard::ldaptest {

// A test suite with a slapd of its own, started once before its first test and stopped after
// its last (also when tests fail). A server that does not start fails every test of the suite.
template <typename Suite>
class SlapdSuite : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        try {
            server = std::make_unique<SlapdServer>();
        } catch (const std::exception& error) {
            ADD_FAILURE() << "slapd did not start: " << error.what();
        }
    }
    static void TearDownTestSuite() { server.reset(); }
    void SetUp() override { ASSERT_NE(server, nullptr); }

    static inline std::unique_ptr<SlapdServer> server;
};

}  // namespace caseboard::ldaptest
