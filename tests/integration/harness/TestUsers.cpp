#include "harness/TestUsers.hpp"

#include "harness/Checks.hpp"

#include <stdexcept>

namespace caseboard::it {

HttpResponse TestUsers::registerUser(const std::string& email, const std::string& password) const {
    return HttpClient(port_).postJson("/users/register",
                                      {{"email", email}, {"password", password}});
}

HttpResponse TestUsers::login(const std::string& email, const std::string& password) const {
    return HttpClient(port_).postJson("/users/login", {{"email", email}, {"password", password}});
}

HttpResponse TestUsers::loginForm(const std::string& username, const std::string& password) const {
    return HttpClient(port_).sendBody(
        "POST", "/users/login",
        "username=" + urlEncode(username) + "&password=" + urlEncode(password), "",
        "application/x-www-form-urlencoded");
}

std::string TestUsers::token(const std::string& email, const std::string& password) const {
    const auto response = login(email, password);
    if (response.status != 200) {
        throw std::runtime_error("login failed: " + describe(response));
    }
    return str(response.json(), "access_token");
}

TestUser TestUsers::create(const std::string& prefix) const {
    TestUser user;
    user.email = uniqueEmail(prefix);
    user.password = kPassword;
    const auto registered = registerUser(user.email, user.password);
    if (registered.status != 201) {
        throw std::runtime_error("register failed: " + describe(registered));
    }
    user.id = str(registered.json(), "id");
    user.token = token(user.email, user.password);
    return user;
}

}  // namespace caseboard::it
