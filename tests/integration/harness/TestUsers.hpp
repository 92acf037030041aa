#pragma once

#include "harness/HttpClient.hpp"

#include <string>

namespace caseboard::it {

struct TestUser {
    std::string id;
    std::string email;
    std::string password;
    std::string token;
};

// Registers and signs in users over the public API.
class TestUsers {
  public:
    explicit TestUsers(unsigned short port) : port_(port) {}

    HttpResponse registerUser(const std::string& email, const std::string& password) const;
    HttpResponse login(const std::string& email, const std::string& password) const;
    HttpResponse loginForm(const std::string& username, const std::string& password) const;

    // A fresh user with a unique e-mail, registered and signed in. Throws if either step fails.
    TestUser create(const std::string& prefix = "user") const;
    // Signs in and returns the access token (throws on failure).
    std::string token(const std::string& email, const std::string& password) const;

    static constexpr const char* kPassword = "correct horse battery staple";

  private:
    unsigned short port_;
};

}  // namespace caseboard::it
