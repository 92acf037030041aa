#include "config/CommandLine.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

#include "domain/RegistrationPolicy.hpp"

namespace caseboard::config {

namespace {

// The directory's flags (docs/ldap.md).
void addLdapOptions(CLI::App& app, Settings::Ldap& l, long long& syncInterval) {
    app.add_option("--ldap-url", l.url,
                   "ldap://host[:port] or ldaps://host[:port]: sign in with the directory")
        ->envname("CASEBOARD_LDAP_URL");
    app.add_flag("--ldap-starttls", l.startTls, "upgrade an ldap:// connection to TLS first")
        ->envname("CASEBOARD_LDAP_STARTTLS");
    app.add_option("--ldap-ca-file", l.caFile, "PEM file of the CA of the directory's certificate")
        ->envname("CASEBOARD_LDAP_CA_FILE");
    app.add_option("--ldap-bind-dn", l.bindDn, "the service account that finds users")
        ->envname("CASEBOARD_LDAP_BIND_DN");
    app.add_option("--ldap-bind-password-file", l.bindPasswordFile,
                   "file holding the service account's password")
        ->envname("CASEBOARD_LDAP_BIND_PASSWORD_FILE");
    app.add_option("--ldap-base-dn", l.baseDn, "users are searched in this subtree")
        ->envname("CASEBOARD_LDAP_BASE_DN");
    app.add_option("--ldap-user-filter", l.userFilter, "how an address finds its account")
        ->envname("CASEBOARD_LDAP_USER_FILTER");
    app.add_option("--ldap-role-group", l.roleGroups,
                   "ROLE=GROUP_DN, repeatable: members of the group get the role")
        ->envname("CASEBOARD_LDAP_ROLE_GROUPS")
        ->delimiter(';');
    app.add_option("--ldap-sync-interval", syncInterval,
                   "seconds between re-checks of directory users")
        ->envname("CASEBOARD_LDAP_SYNC_INTERVAL")
        ->check(CLI::Range(1LL, 24LL * 3600));
}

// The OpenID provider's flags (docs/oidc.md).
void addOidcOptions(CLI::App& app, Settings& s) {
    auto& o = s.oidc;
    app.add_option("--oidc-issuer", o.issuer, "the OpenID provider: sign in with it")
        ->envname("CASEBOARD_OIDC_ISSUER");
    app.add_option("--oidc-client-id", o.clientId, "Caseboard's client id at the provider")
        ->envname("CASEBOARD_OIDC_CLIENT_ID");
    app.add_option("--oidc-client-secret-file", o.clientSecretFile,
                   "file holding the client secret")
        ->envname("CASEBOARD_OIDC_CLIENT_SECRET_FILE");
    app.add_option("--oidc-role-claim", o.roleClaim, "the ID token claim that names groups")
        ->envname("CASEBOARD_OIDC_ROLE_CLAIM");
    app.add_option("--oidc-role-map", o.roleMap,
                   "ROLE=VALUE, repeatable: a claim holding VALUE gives the role")
        ->envname("CASEBOARD_OIDC_ROLE_MAP")
        ->delimiter(';');
    app.add_option("--oidc-ca-file", o.caFile, "PEM file of the provider's certificate authority")
        ->envname("CASEBOARD_OIDC_CA_FILE");
    app.add_option("--public-url", s.publicUrl,
                   "the address browsers use, e.g. https://board.example")
        ->envname("CASEBOARD_PUBLIC_URL");
}

void addServeOptions(CLI::App& app, Settings& s, long long& ttl, long long& idle) {
    app.add_option("--host", s.host, "address to listen on")->envname("CASEBOARD_HOST");
    app.add_option("--port", s.port, "TCP port (0 picks a free one and logs it)")
        ->envname("CASEBOARD_PORT");
    app.add_option("--database", s.database,
                   "a SQLite file path, sqlite:///path, or postgresql://…")
        ->envname("CASEBOARD_DATABASE_URL");
    app.add_option("--jwt-secret-file", s.jwtSecretFile,
                   "token signing key (created, 32 random bytes, mode 0600, if absent)")
        ->envname("CASEBOARD_JWT_SECRET_FILE");
    app.add_option("--token-ttl", ttl, "token lifetime in seconds")
        ->envname("CASEBOARD_TOKEN_TTL")
        ->check(CLI::Range(1LL, 366LL * 24 * 3600));
    app.add_option("--idle-timeout", idle,
                   "seconds without a key press, click or touch before a board signs out")
        ->envname("CASEBOARD_IDLE_TIMEOUT")
        ->check(CLI::Range(60LL, 7LL * 24 * 3600));
    app.add_option("--targets", s.targetsFile,
                   "JSON file of the deadlines cases are held to (as GET /targets), replacing "
                   "the built-in ones")
        ->envname("CASEBOARD_TARGETS");
    app.add_option("--registration", s.registration,
                   "open, closed, approval, or domain:a.org,b.org")
        ->envname("CASEBOARD_REGISTRATION")
        ->check([](const std::string& value) {
            try {
                domain::RegistrationPolicy::parse(value);
                return std::string();
            } catch (const std::exception& e) {
                return std::string(e.what());
            }
        });
    app.add_option("--threads", s.threads, "I/O threads (default: one per core)")
        ->envname("CASEBOARD_THREADS")
        ->check(CLI::Range(1u, 256u));
    app.add_option("--allowed-origins", s.allowedOrigins,
                   "extra browser origins allowed to open the WebSocket (comma-separated)")
        ->envname("CASEBOARD_ALLOWED_ORIGINS")
        ->delimiter(',');
    app.add_option("--db-pool-size", s.dbPoolSize, "PostgreSQL connections per instance")
        ->envname("CASEBOARD_DB_POOL_SIZE")
        ->check(CLI::Range(1u, 1000u));
    app.add_option("--trusted-proxy", s.trustedProxies,
                   "IP address of a reverse proxy whose X-Forwarded-For names the client "
                   "(repeatable or comma-separated)")
        ->envname("CASEBOARD_TRUSTED_PROXIES")
        ->delimiter(',');
    app.add_option("--allowed-hosts", s.allowedHosts,
                   "host names (port optional) served besides localhost, 127.0.0.1 and [::1] "
                   "(comma-separated)")
        ->envname("CASEBOARD_ALLOWED_HOSTS")
        ->delimiter(',');
    app.add_option("--max-connections-per-client", s.maxConnectionsPerClient,
                   "open connections allowed per client address")
        ->envname("CASEBOARD_MAX_CONNECTIONS_PER_CLIENT")
        ->check(CLI::Range(1u, 1000000u));
    app.add_option("--list-cache-mib", s.listCacheMib,
                   "MiB of case lists kept in memory, least recently used dropped first")
        ->envname("CASEBOARD_LIST_CACHE_MIB")
        ->check(CLI::Range(1u, 65536u));
    app.add_option(
           "--writes-per-second", s.writesPerSecond,
           "case writes per user per second, in bursts of four seconds' worth (0: no limit)")
        ->envname("CASEBOARD_WRITES_PER_SECOND")
        ->check(CLI::Range(0u, 1000000u));
    app.add_option("--store-threads", s.storeThreads,
                   "threads that wait on the database for requests (reads, sign-ins, writes)")
        ->envname("CASEBOARD_STORE_THREADS")
        ->check(CLI::Range(1u, 1024u));
}

// `caseboard user add|disable|list`: accounts made by an operator, so that the first admin of a
// closed or approval deployment never comes from a race to register.
CLI::App* addUserCommands(CLI::App& app, Command& command) {
    auto* user = app.add_subcommand("user", "manage accounts from the command line");
    user->fallthrough();
    user->require_subcommand(1);
    auto* add = user->add_subcommand(
        "add",
        "create an account; its password is read from standard input, or generated and "
        "printed once");
    add->fallthrough();
    add->add_option("email", command.userEmail, "the e-mail address")->required();
    add->add_option("--role", command.userRole, "admin, editor or viewer (default: editor)")
        ->check(CLI::IsMember({"admin", "editor", "viewer"}));
    add->callback([&command] { command.userAction = Command::UserAction::Add; });
    auto* disable = user->add_subcommand("disable", "deactivate an account: its sessions end");
    disable->fallthrough();
    disable->add_option("email", command.userEmail, "the e-mail address")->required();
    disable->callback([&command] { command.userAction = Command::UserAction::Disable; });
    auto* list = user->add_subcommand("list", "list the accounts");
    list->fallthrough();
    list->callback([&command] { command.userAction = Command::UserAction::List; });
    return user;
}

}  // namespace

Command parseCommandLine(int argc, char** argv) {
    Command command;
    long long ttl = command.settings.tokenTtl.count();
    long long idle = command.settings.idleTimeout.count();
    long long syncInterval = command.settings.ldap.syncInterval.count();
    CLI::App app{"Caseboard: a real-time board of surgical cases"};
    app.set_version_flag("--version", "caseboard 0.1.0");
    addServeOptions(app, command.settings, ttl, idle);
    addLdapOptions(app, command.settings.ldap, syncInterval);
    addOidcOptions(app, command.settings);
    // `caseboard` alone serves; `caseboard serve …` says the same explicitly.
    app.add_subcommand("serve", "run the server (the default)")->fallthrough();
    auto* migrate = app.add_subcommand(
        "migrate-data", "copy users and cases from SQLite into PostgreSQL (idempotent, verified)");
    migrate
        ->add_option("--from", command.migrateFrom, "the SQLite database: a path or sqlite:///path")
        ->required();
    migrate->add_option("--to", command.migrateTo, "the PostgreSQL database: postgresql://…")
        ->required();
    auto* user = addUserCommands(app, command);
    app.require_subcommand(0, 1);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        command.kind = Command::Kind::Exit;
        command.exitCode = app.exit(e);
        return command;
    } catch (const CLI::CallForVersion& e) {
        command.kind = Command::Kind::Exit;
        command.exitCode = app.exit(e);
        return command;
    } catch (const CLI::ParseError& e) {
        std::cerr << "caseboard: " << e.what() << " (see caseboard --help)" << std::endl;
        command.kind = Command::Kind::Exit;
        command.exitCode = 2;
        return command;
    }
    command.settings.tokenTtl = std::chrono::seconds(ttl);
    command.settings.idleTimeout = std::chrono::seconds(idle);
    command.settings.ldap.syncInterval = std::chrono::seconds(syncInterval);
    if (user->parsed()) command.kind = Command::Kind::UserAdmin;
    try {
        command.settings.databaseLocation();
        if (migrate->parsed()) {
            command.kind = Command::Kind::MigrateData;
            DatabaseLocation::parse(command.migrateFrom);
            auto to = DatabaseLocation::parse(command.migrateTo);
            if (to.kind != DatabaseLocation::Kind::Postgres) {
                throw std::invalid_argument("migrate-data --to must be a postgresql:// URL");
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "caseboard: " << e.what() << std::endl;
        command.kind = Command::Kind::Exit;
        command.exitCode = 2;
    }
    return command;
}

}  // namespace caseboard::config
