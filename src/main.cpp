// caseboard: wires configuration, store, hub, api and server together, and nothing else.
#include <spdlog/spdlog.h>

#include <iostream>

#include "api/Application.hpp"
#include "auth/SecretFile.hpp"
#include "config/CommandLine.hpp"
#include "http/Server.hpp"
#include "realtime/Hub.hpp"
#include "store/sqlite/SqliteStore.hpp"

namespace {

using caseboard::config::DatabaseLocation;
using caseboard::config::Settings;

// Start-up problems are configuration problems: one clear line on stderr, exit code 2.
struct StartupError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::unique_ptr<caseboard::store::Store> openStore(const DatabaseLocation& location) {
    if (location.kind == DatabaseLocation::Kind::Postgres) {
        throw StartupError("PostgreSQL is not supported by this build; use a SQLite path");
    }
    try {
        return std::make_unique<caseboard::store::sqlite::SqliteStore>(location.target);
    } catch (const std::exception& e) {
        throw StartupError(e.what());
    }
}

caseboard::http::ServerOptions serverOptions(const Settings& settings) {
    caseboard::http::ServerOptions options;
    options.host = settings.host;
    options.port = settings.port;
    options.ioThreads = settings.ioThreads();
    options.storeThreads = std::max(8u, 4 * options.ioThreads);
    options.hashThreads = std::max(1u, options.ioThreads / 2);
    return options;
}

int serve(const Settings& settings) {
    std::unique_ptr<caseboard::store::Store> store = openStore(settings.databaseLocation());
    std::string secret;
    try {
        secret = caseboard::auth::loadOrCreateSecret(settings.secretFilePath());
    } catch (const std::exception& e) {
        throw StartupError(e.what());
    }
    caseboard::realtime::Hub hub;
    store->setChangeListener(&hub);
    caseboard::api::Application app(
        {std::move(secret), settings.tokenTtl,
         caseboard::domain::RegistrationPolicy::parse(settings.registration),
         settings.allowedOrigins},
        *store, hub);
    std::unique_ptr<caseboard::http::Server> server;
    try {
        server = std::make_unique<caseboard::http::Server>(serverOptions(settings), app, hub);
    } catch (const std::exception& e) {
        throw StartupError("cannot listen on " + settings.host + ":" +
                           std::to_string(settings.port) + ": " + e.what());
    }
    spdlog::info("listening on http://{}:{}", settings.host, server->port());
    server->run();
    store->setChangeListener(nullptr);
    spdlog::info("stopped");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    auto command = caseboard::config::parseCommandLine(argc, argv);
    if (command.kind == caseboard::config::Command::Kind::Exit) return command.exitCode;
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
    spdlog::flush_on(spdlog::level::info);
    try {
        return serve(command.settings);
    } catch (const StartupError& e) {
        std::cerr << "caseboard: " << e.what() << std::endl;
        return 2;
    }
}
