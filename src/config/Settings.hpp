#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace caseboard::config {

// Where the data lives, resolved from --database.
struct DatabaseLocation {
    enum class Kind { Sqlite, Postgres };
    Kind kind = Kind::Sqlite;
    std::string target;  // a file path for SQLite, the connection URL for PostgreSQL

    // "./x.db", "sqlite:///x.db" (relative), "sqlite:////abs/x.db", or "postgresql://…".
    static DatabaseLocation parse(const std::string& text);
};

// Everything `caseboard serve` needs, from flags and CASEBOARD_* variables (a flag wins).
struct Settings {
    std::string host = "127.0.0.1";
    unsigned short port = 8000;
    std::string database = "./caseboard.db";
    std::string jwtSecretFile;  // empty: beside the database
    std::chrono::seconds tokenTtl{43200};
    std::string registration = "open";
    unsigned threads = 0;  // 0: one per core
    std::vector<std::string> allowedOrigins;
    unsigned dbPoolSize = 8;                  // PostgreSQL connections per instance
    std::vector<std::string> trustedProxies;  // IP addresses whose X-Forwarded-For is believed
    std::vector<std::string> allowedHosts;    // Host header names served beyond loopback ones
    unsigned maxConnectionsPerClient = 256;
    unsigned listCacheMib = 64;     // serialized lists kept in memory (and their files)
    unsigned writesPerSecond = 50;  // case writes per user; 0: no limit
    // Store workers mostly wait (on a commit, a lock, the network): enough of them that a burst
    // of writes from many screens lands in one group commit.
    unsigned storeThreads = 64;
    // A ward PC's board signs out after this long without a key press, click or touch.
    std::chrono::seconds idleTimeout{1800};
    // The deadlines cases are held to (GET /targets JSON); empty: the built-in ones.
    std::string targetsFile;
    // The hospital's directory (LDAP / Active Directory); no URL: none.
    struct Ldap {
        std::string url;
        bool startTls = false;
        std::string caFile;
        std::string bindDn;
        std::string bindPasswordFile;
        std::string baseDn;
        std::string userFilter = "(mail={email})";
        std::vector<std::string> roleGroups;  // ROLE=GROUP_DN
        std::chrono::seconds syncInterval{300};
    } ldap;
    // The hospital's OpenID provider; no issuer: none.
    struct Oidc {
        std::string issuer;
        std::string clientId;
        std::string clientSecretFile;
        std::string roleClaim = "groups";
        std::vector<std::string> roleMap;  // ROLE=VALUE
        std::string caFile;
    } oidc;
    // The address browsers use (the OpenID redirect goes back to it).
    std::string publicUrl;

    DatabaseLocation databaseLocation() const { return DatabaseLocation::parse(database); }
    std::string secretFilePath() const;
    unsigned ioThreads() const;
};

}  // namespace caseboard::config
