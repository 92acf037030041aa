#include "store/postgres/PgConnection.hpp"

#include <poll.h>
#include <spdlog/spdlog.h>

#include <array>
#include <stdexcept>

#include "store/StoreErrors.hpp"

namespace caseboard::store::postgres {

namespace {

// The server's notices (and the FATAL it sends before closing an idle connection) go to the
// log, not to stderr.
void logNotice(void*, const char* message) {
    std::string text(message);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    spdlog::debug("postgresql: {}", text);
}

}  // namespace

std::string oneLine(const char* message) {
    std::string text;
    for (const char* c = message ? message : ""; *c != '\0'; ++c) {
        if (*c == '\n' || *c == '\t') {
            if (!text.empty() && text.back() != ' ') text += ' ';
        } else {
            text += *c;
        }
    }
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

bool isTransientSqlState(const std::string& sqlState) {
    if (sqlState.starts_with("08")) return true;  // connection exception
    if (sqlState.starts_with("53")) return true;  // insufficient resources
    static constexpr std::array<const char*, 8> kRetryLater = {
        "57P01",  // admin_shutdown
        "57P02",  // crash_shutdown
        "57P03",  // cannot_connect_now (starting up, shutting down)
        "57014",  // query_canceled (statement_timeout)
        "40001",  // serialization_failure
        "40P01",  // deadlock_detected
        "55P03",  // lock_not_available
        "25006",  // read_only_sql_transaction (a standby after a failover)
    };
    for (const char* code : kRetryLater) {
        if (sqlState == code) return true;
    }
    return false;
}

PgConnection::PgConnection(const std::string& url) {
    // Defaults first: whatever the URL sets itself wins (later keywords override earlier ones,
    // and the URL is expanded in place of dbname).
    const char* keywords[] = {"connect_timeout",  "keepalives",
                              "keepalives_idle",  "keepalives_interval",
                              "keepalives_count", "tcp_user_timeout",
                              "application_name", "options",
                              "dbname",           nullptr};
    const char* values[] = {
        "2",         "1",
        "10",        "5",
        "3",         "10000",
        "caseboard", "-c statement_timeout=15000 -c idle_in_transaction_session_timeout=60000",
        url.c_str(), nullptr};
    conn_ = PQconnectdbParams(keywords, values, 1);
    if (conn_ == nullptr) throw Unavailable("cannot allocate a PostgreSQL connection");
    if (PQstatus(conn_) != CONNECTION_OK) {
        std::string message = oneLine(PQerrorMessage(conn_));
        PQfinish(conn_);
        conn_ = nullptr;
        throw Unavailable("cannot connect to PostgreSQL: " + message);
    }
    PQsetNoticeProcessor(conn_, logNotice, nullptr);
    PQsetErrorVerbosity(conn_, PQERRORS_TERSE);
}

PgConnection::~PgConnection() {
    if (conn_ != nullptr) PQfinish(conn_);
}

void PgConnection::fail(const PGresult* result, const char* what) const {
    // The primary message only: DETAIL lines may quote the row (patient data).
    std::string message =
        result ? oneLine(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)) : std::string();
    if (message.empty()) message = oneLine(PQerrorMessage(conn_));
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlState = state ? state : "";
    std::string text =
        std::string(what) + ": " + message + (sqlState.empty() ? "" : " [" + sqlState + "]");
    if (PQstatus(conn_) != CONNECTION_OK) throw Unavailable("PostgreSQL connection lost: " + text);
    if (sqlState == "23505") throw Conflict(text);
    if (isTransientSqlState(sqlState)) throw Unavailable(text);
    throw std::runtime_error(text);
}

PgResult PgConnection::check(PGresult* raw, const char* what) const {
    PgResult result(raw);
    if (raw == nullptr) fail(nullptr, what);
    switch (PQresultStatus(raw)) {
        case PGRES_COMMAND_OK:
        case PGRES_TUPLES_OK:
        case PGRES_EMPTY_QUERY:
            return result;
        default:
            fail(raw, what);
    }
}

PgResult PgConnection::exec(const char* sql) {
    return check(PQexec(conn_, sql), sql);
}

PgResult PgConnection::run(const PgStatement& statement, const PgParams& params) {
    if (!prepared_.contains(statement.name)) {
        check(PQprepare(conn_, statement.name, statement.sql, 0, nullptr), statement.name);
        prepared_.insert(statement.name);
    }
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
    return check(PQexecPrepared(conn_, statement.name, static_cast<int>(values.size()),
                                values.data(), nullptr, nullptr, 0),
                 statement.name);
}

bool PgConnection::closedWhileIdle() {
    if (PQstatus(conn_) != CONNECTION_OK) return true;
    // An idle connection only hears from the server when it is being closed (or of a harmless
    // parameter change): read what came, and the end of the stream if it follows.
    for (int round = 0; round < 3; ++round) {
        pollfd ready{PQsocket(conn_), POLLIN, 0};
        if (::poll(&ready, 1, 0) <= 0) break;
        if (PQconsumeInput(conn_) == 0) return true;
    }
    return PQstatus(conn_) != CONNECTION_OK;
}

}  // namespace caseboard::store::postgres
