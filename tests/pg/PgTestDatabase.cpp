#include "PgTestDatabase.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <random>
#include <stdexcept>

namespace caseboard::pgtest {

namespace {

std::string run(const std::string& url, const std::string& sql) {
    PGconn* conn = PQconnectdb(url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
        std::string message = PQerrorMessage(conn);
        PQfinish(conn);
        throw std::runtime_error("cannot connect to the test database: " + message);
    }
    PGresult* result = PQexec(conn, sql.c_str());
    auto status = PQresultStatus(result);
    std::string value;
    if (status == PGRES_TUPLES_OK && PQntuples(result) > 0) value = PQgetvalue(result, 0, 0);
    std::string message = PQresultErrorMessage(result);
    PQclear(result);
    PQfinish(conn);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        throw std::runtime_error(sql + ": " + message);
    }
    return value;
}

std::string randomName() {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    std::string name = "caseboard_t_";
    for (int i = 0; i < 12; ++i) name += kHex[random() % 16];
    return name;
}

bool pgCtl(const char* action) {
    std::string command = std::string("'") + CASEBOARD_PG_CTL_SCRIPT + "' " + action;
    return std::system(command.c_str()) == 0;
}

}  // namespace

std::optional<std::string> baseUrl() {
    const char* url = std::getenv("CASEBOARD_TEST_DATABASE_URL");
    if (url == nullptr || *url == '\0') return std::nullopt;
    return std::string(url);
}

std::string withDatabase(const std::string& url, const std::string& database) {
    auto scheme = url.find("://");
    auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    auto query = url.find('?');
    std::string rest = query == std::string::npos ? "" : url.substr(query);
    std::string head = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
    return head + "/" + database + rest;
}

PgTestDatabase::PgTestDatabase() : name_(randomName()) {
    auto base = baseUrl();
    if (!base) throw std::runtime_error("CASEBOARD_TEST_DATABASE_URL is not set");
    run(*base, "CREATE DATABASE " + name_);
    url_ = withDatabase(*base, name_);
}

PgTestDatabase::~PgTestDatabase() {
    try {
        run(*baseUrl(), "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception&) {
        // The server may be down at the end of a fault test: the cluster is temporary anyway.
    }
}

std::string PgTestDatabase::scalar(const std::string& sql) const {
    return run(url_, sql);
}

bool stopServer() {
    return pgCtl("stop");
}
bool startServer() {
    return pgCtl("start");
}

}  // namespace caseboard::pgtest
