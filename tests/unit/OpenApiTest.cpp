#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <regex>

#include "TempDir.hpp"
#include "api/Application.hpp"
#include "api/EmbeddedFiles.hpp"
#include "store/sqlite/SqliteStore.hpp"

using namespace caseboard;

namespace {

// "/cases/{case_id}/" and "/cases/{id}" name the same route.
std::string normalized(std::string path) {
    path = std::regex_replace(path, std::regex(R"(\{[^}]*\})"), "{}");
    if (path.size() > 1 && path.back() == '/') path.pop_back();
    return path;
}

boost::json::object openApiDocument() {
    for (const auto& file : embedded::all()) {
        if (file.path == "/openapi.json") return boost::json::parse(file.bytes).as_object();
    }
    ADD_FAILURE() << "openapi.json is not embedded";
    return {};
}

}  // namespace

TEST(OpenApi, IsVersion31) {
    auto document = openApiDocument();
    EXPECT_TRUE(std::string(document.at("openapi").as_string()).starts_with("3.1"));
}

TEST(OpenApi, DocumentsEveryRouteAndNothingElse) {
    TempDir dir;
    store::sqlite::SqliteStore store(dir.file("db.sqlite"));
    realtime::Hub hub;
    api::ApiSettings settings;
    settings.jwtSecret = std::string(32, 's');
    settings.registration = domain::RegistrationPolicy::parse("open");
    // With every optional sign-in configured, so that their routes are there to be compared
    // (nothing is fetched from the provider until someone signs in).
    oidc::OidcSettings provider;
    provider.issuer = "http://127.0.0.1:9";
    provider.clientId = "caseboard";
    provider.clientSecret = "secret";
    provider.redirectUri = "http://127.0.0.1:8000/auth/oidc/callback";
    provider.roleMap = {{domain::Role::Editor, "staff"}};
    settings.oidc = std::make_shared<oidc::OidcClient>(provider);
    api::Application app(std::move(settings), store, hub);
    std::set<std::string> routed;
    for (const auto& route : app.router().routes()) {
        routed.insert(route.method + " " + normalized(route.pattern));
    }
    std::set<std::string> documented;
    const auto document = openApiDocument();
    for (const auto& [path, item] : document.at("paths").as_object()) {
        for (const auto& [method, operation] : item.as_object()) {
            if (method == "parameters") continue;
            std::string upper(method);
            for (auto& c : upper)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            documented.insert(upper + " " + normalized(std::string(path)));
        }
    }
    EXPECT_EQ(routed, documented);
}
