#pragma once

#include <libpq-fe.h>

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "store/postgres/PgResult.hpp"

namespace caseboard::store::postgres {

// A parameter in text form; nothing is SQL NULL.
using PgValue = std::optional<std::string>;
using PgParams = std::vector<PgValue>;

// A named statement with positional parameters ($1, $2…), prepared once per connection at first
// use. Input never becomes SQL text: it travels only as parameters.
struct PgStatement {
    const char* name;
    const char* sql;
};

// One libpq connection (RAII). Failures become the exceptions of store/StoreErrors.hpp:
// Unavailable when the server cannot be reached, went away or asks to retry, Conflict on a
// unique violation; anything else is a std::runtime_error (a bug: 500).
class PgConnection {
  public:
    // Connects with a short connect timeout and TCP keepalives; throws Unavailable if it cannot.
    explicit PgConnection(const std::string& url);
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    // Runs fixed SQL text (BEGIN, COMMIT, DDL), never text built from input.
    PgResult exec(const char* sql);
    // Runs a prepared statement with text parameters and text results.
    PgResult run(const PgStatement& statement, const PgParams& params = {});

    // False once the connection is lost: the pool then discards it.
    bool usable() const { return PQstatus(conn_) == CONNECTION_OK; }
    // Whether the server closed the connection while it sat idle (a restart, an administrator),
    // checked without blocking.
    bool closedWhileIdle();
    // Not inside a transaction block.
    bool outsideTransaction() const { return PQtransactionStatus(conn_) == PQTRANS_IDLE; }

    PGconn* handle() const { return conn_; }

  private:
    [[noreturn]] void fail(const PGresult* result, const char* what) const;
    PgResult check(PGresult* result, const char* what) const;

    PGconn* conn_ = nullptr;
    std::unordered_set<std::string> prepared_;
};

// A libpq message on one line (for the log).
std::string oneLine(const char* message);

// Whether an SQLSTATE means "the database cannot serve this now; retry later".
bool isTransientSqlState(const std::string& sqlState);

}  // namespace caseboard::store::postgres
