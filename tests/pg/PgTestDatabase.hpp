#pragma once

#include <optional>
#include <string>

namespace caseboard::pgtest {

// $CASEBOARD_TEST_DATABASE_URL (set by tests/pg/with-postgres.sh), or nothing: the PostgreSQL
// tests are then skipped.
std::optional<std::string> baseUrl();

// A fresh, empty database on the test server for one test, dropped at the end.
class PgTestDatabase {
  public:
    PgTestDatabase();
    ~PgTestDatabase();
    PgTestDatabase(const PgTestDatabase&) = delete;
    PgTestDatabase& operator=(const PgTestDatabase&) = delete;

    const std::string& url() const { return url_; }
    const std::string& name() const { return name_; }

    // Runs SQL (no parameters, test data only) and returns the first column of the first row.
    std::string scalar(const std::string& sql) const;

  private:
    std::string name_;
    std::string url_;
};

// The URL with its database name replaced.
std::string withDatabase(const std::string& url, const std::string& database);

// tests/pg/pg-ctl.sh stop|start on the with-postgres.sh cluster; true on success.
bool stopServer();
bool startServer();

}  // namespace caseboard::pgtest
