#include "harness/ServerTest.hpp"

#include <iostream>

namespace caseboard::it {

void ServerTest::SetUp() {
    server_ = std::make_unique<ServerProcess>(options());
    try {
        server_->start();
    } catch (const std::exception& error) {
        FAIL() << "could not start the server: " << error.what();
    }
}

void ServerTest::TearDown() {
    if (!server_) {
        return;
    }
    server_->stop();
    if (HasFailure()) {
        const std::string text = server_->log();
        const std::size_t keep = 6000;
        std::cerr << "----- server log (" << (text.size() > keep ? "tail" : "full") << ") -----\n"
                  << (text.size() > keep ? text.substr(text.size() - keep) : text)
                  << "\n----- end of log -----\n";
    }
}

const TestUser& ServerTest::alice() {
    if (!alice_) {
        alice_ = std::make_unique<TestUser>(users().create("alice"));
    }
    return *alice_;
}

boost::json::object ServerTest::createCase(const std::string& token,
                                           const boost::json::object& fields) {
    const auto response = http().postJson("/cases/", fields, token);
    const auto body = response.json();
    if (response.status != 201 || !body.is_object()) {
        ADD_FAILURE() << "creating " << boost::json::serialize(fields) << " gave "
                      << describe(response);
        return {};
    }
    return body.as_object();
}

boost::json::object ServerTest::createCase(const std::string& token, const std::string& name,
                                           const std::string& section) {
    return createCase(token, boost::json::object{{"name", name}, {"section", section}});
}

boost::json::array ServerTest::listCases(const std::string& token, const std::string& query) {
    const auto response = http().get("/cases/" + query, token);
    const auto body = response.json();
    if (response.status != 200 || !body.is_array()) {
        ADD_FAILURE() << "listing /cases/" << query << " gave " << describe(response);
        return {};
    }
    return body.as_array();
}

std::vector<std::string> ServerTest::ids(const boost::json::array& cases) {
    std::vector<std::string> result;
    for (const auto& item : cases) {
        result.push_back(str(item, "id"));
    }
    return result;
}

}  // namespace caseboard::it
