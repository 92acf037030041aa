// caseboard: wires configuration, store, hub, api and server together, and nothing else.
#include <spdlog/spdlog.h>
#include <boost/system/system_error.hpp>

#include <malloc.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "api/Application.hpp"
#include "auth/SecretFile.hpp"
#include "cli/UserCommand.hpp"
#include "config/CommandLine.hpp"
#include "config/DirectorySettings.hpp"
#include "config/TargetsFile.hpp"
#include "directory/DirectorySync.hpp"
#include "http/DescriptorLimit.hpp"
#include "http/Server.hpp"
#include "realtime/Hub.hpp"
#include "store/DataMigration.hpp"
#include "store/postgres/PgFailureLog.hpp"
#include "store/postgres/PostgresStore.hpp"
#include "store/sqlite/SqliteStore.hpp"

namespace {

using caseboard::config::DatabaseLocation;
using caseboard::config::Settings;

// Start-up problems are configuration problems: one clear line on stderr, exit code 2.
struct StartupError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The store, and where failed sign-ins are counted: in memory for SQLite (one instance), in the
// database for PostgreSQL (every instance counts together).
struct OpenedStore {
    std::unique_ptr<caseboard::store::Store> store;
    std::shared_ptr<caseboard::auth::FailureLog> failureLog;
};

OpenedStore openStore(const DatabaseLocation& location, const Settings& settings) {
    try {
        if (location.kind == DatabaseLocation::Kind::Postgres) {
            caseboard::store::postgres::PostgresOptions options;
            options.poolSize = settings.dbPoolSize;
            using caseboard::store::postgres::PostgresStore;
            auto store = std::make_unique<PostgresStore>(location.target, options);
            auto failures =
                std::make_shared<caseboard::store::postgres::PgFailureLog>(store->pool());
            return {std::move(store), std::move(failures)};
        }
        return {std::make_unique<caseboard::store::sqlite::SqliteStore>(location.target), nullptr};
    } catch (const std::exception& e) {
        throw StartupError(e.what());
    }
}

// The hospital's directory, when --ldap-url names one; settings that cannot work stop the start.
std::shared_ptr<const caseboard::directory::LdapDirectory> openDirectory(const Settings& settings) {
    try {
        auto ldap = caseboard::config::ldapSettings(settings.ldap);
        if (!ldap) return nullptr;
        return std::make_shared<const caseboard::directory::LdapDirectory>(std::move(*ldap));
    } catch (const std::exception& e) {
        throw StartupError(e.what());
    }
}

// The hospital's OpenID provider, when --oidc-issuer names one.
std::shared_ptr<caseboard::oidc::OidcClient> openOidc(const Settings& settings) {
    try {
        auto oidc = caseboard::config::oidcSettings(settings);
        if (!oidc) return nullptr;
        return std::make_shared<caseboard::oidc::OidcClient>(std::move(*oidc));
    } catch (const std::exception& e) {
        throw StartupError(e.what());
    }
}

// The deadlines of a --targets file, in force before any case is read.
void installTargets(const Settings& settings) {
    try {
        if (auto targets = caseboard::config::targetsFile(settings.targetsFile)) {
            caseboard::domain::installTargets(std::move(*targets));
        }
    } catch (const std::exception& e) {
        throw StartupError(e.what());
    }
}

caseboard::http::ServerOptions serverOptions(const Settings& settings) {
    caseboard::http::ServerOptions options;
    try {
        options.trustedProxies = caseboard::http::TrustedProxies(settings.trustedProxies);
        options.allowedHosts = caseboard::http::AllowedHosts(settings.host, settings.allowedHosts);
    } catch (const std::exception& e) {
        throw StartupError(e.what());
    }
    options.maxConnectionsPerClient = settings.maxConnectionsPerClient;
    options.host = settings.host;
    options.port = settings.port;
    options.ioThreads = settings.ioThreads();
    options.bodyFileBytes = std::size_t{settings.listCacheMib} << 20;
    return options;
}

int serve(const Settings& settings) {
    // A large list's buffers come from the kernel and go back to it when freed. Left to itself,
    // glibc raises this threshold to the size of the largest block freed, and then keeps every
    // later list of that size in its arenas after use.
    ::mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    // A client that resets its connection while a large list is being sent with sendfile (which,
    // unlike send, has no MSG_NOSIGNAL) must cost that one write an EPIPE, not kill the server.
    ::signal(SIGPIPE, SIG_IGN);
    auto options = serverOptions(settings);  // refuses bad settings before the store opens
    auto directory = openDirectory(settings);
    auto oidc = openOidc(settings);
    installTargets(settings);
    caseboard::http::raiseDescriptorLimit();
    auto [store, failureLog] = openStore(settings.databaseLocation(), settings);
    std::string secret;
    try {
        secret = caseboard::auth::loadOrCreateSecret(settings.secretFilePath());
    } catch (const std::exception& e) {
        throw StartupError(e.what());
    }
    caseboard::realtime::Hub hub;
    bool singleInstance = settings.databaseLocation().kind == DatabaseLocation::Kind::Sqlite;
    caseboard::api::Application app(
        {std::move(secret), settings.tokenTtl,
         caseboard::domain::RegistrationPolicy::parse(settings.registration),
         settings.allowedOrigins, std::move(failureLog), singleInstance,
         std::size_t{settings.listCacheMib} << 20, settings.writesPerSecond, settings.idleTimeout,
         directory, oidc, settings.storeThreads, std::max(1u, settings.ioThreads() / 2)},
        *store, hub);
    std::unique_ptr<caseboard::directory::DirectorySync> directorySync;
    if (directory) {
        directorySync = std::make_unique<caseboard::directory::DirectorySync>(
            *store, *directory, settings.ldap.syncInterval);
    }
    std::unique_ptr<caseboard::http::Server> server;
    try {
        server = std::make_unique<caseboard::http::Server>(options, app, hub);
    } catch (const boost::system::system_error& e) {
        // The code's message alone: what() also names the library header that threw.
        throw StartupError("cannot listen on " + settings.host + ":" +
                           std::to_string(settings.port) + ": " + e.code().message());
    } catch (const std::runtime_error& e) {
        throw StartupError(e.what());
    }
    spdlog::info("listening on http://{}:{}", settings.host, server->port());
    server->run();
    spdlog::info("stopped");
    return 0;
}

// `caseboard migrate-data --from <sqlite> --to <postgresql>`: 0 when every row is verified in
// the destination, 1 otherwise.
int migrateData(const caseboard::config::Command& command) {
    try {
        auto from = DatabaseLocation::parse(command.migrateFrom);
        auto to = DatabaseLocation::parse(command.migrateTo);
        caseboard::store::postgres::PostgresOptions options;
        options.poolSize = 1;
        options.listen = false;
        std::unique_ptr<caseboard::store::Store> source;
        if (from.kind == DatabaseLocation::Kind::Sqlite) {
            if (!std::filesystem::is_regular_file(from.target)) {
                std::cerr << "caseboard: migrate-data: no SQLite database at " << from.target
                          << std::endl;
                return 1;
            }
            source = std::make_unique<caseboard::store::sqlite::SqliteStore>(from.target);
        } else {
            source =
                std::make_unique<caseboard::store::postgres::PostgresStore>(from.target, options);
        }
        caseboard::store::postgres::PostgresStore destination(to.target, options);
        return caseboard::store::migrateData(*source, destination, std::cout, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << "caseboard: migrate-data: " << e.what() << std::endl;
        return 1;
    }
}

// `caseboard user add|disable|list` on the database `serve` would use. A server running on it
// hears of the change (PostgreSQL: NOTIFY; SQLite: its access feed) and ends the sessions.
int manageUsers(const caseboard::config::Command& command) {
    try {
        auto location = command.settings.databaseLocation();
        std::unique_ptr<caseboard::store::Store> store;
        if (location.kind == DatabaseLocation::Kind::Postgres) {
            caseboard::store::postgres::PostgresOptions options;
            options.poolSize = 1;
            options.listen = false;
            store = std::make_unique<caseboard::store::postgres::PostgresStore>(location.target,
                                                                                options);
        } else {
            store = std::make_unique<caseboard::store::sqlite::SqliteStore>(location.target);
        }
        return caseboard::cli::runUserCommand(command, *store, std::cin, ::isatty(0) == 1,
                                              std::cout, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << "caseboard: user: " << e.what() << std::endl;
        return 1;
    }
}

}  // namespace

int main(int argc, char** argv) {
    auto command = caseboard::config::parseCommandLine(argc, argv);
    if (command.kind == caseboard::config::Command::Kind::Exit) return command.exitCode;
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
    spdlog::flush_on(spdlog::level::info);
    if (command.kind == caseboard::config::Command::Kind::MigrateData) return migrateData(command);
    if (command.kind == caseboard::config::Command::Kind::UserAdmin) return manageUsers(command);
    try {
        return serve(command.settings);
    } catch (const StartupError& e) {
        std::cerr << "caseboard: " << e.what() << std::endl;
        return 2;
    }
}
