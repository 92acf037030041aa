#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <optional>
#include <string>

namespace caseboard::store::postgres {

// The rows of one statement, in text form; owns the PGresult.
class PgResult {
  public:
    PgResult() = default;
    explicit PgResult(PGresult* result) : result_(result) {}
    ~PgResult() { PQclear(result_); }
    PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
    PgResult& operator=(PgResult&& other) noexcept;
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;

    int rows() const { return result_ ? PQntuples(result_) : 0; }
    bool empty() const { return rows() == 0; }
    // The number of rows an INSERT/UPDATE/DELETE touched.
    std::int64_t affected() const;

    bool isNull(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }
    std::string text(int row, int column) const;
    std::optional<std::string> optionalText(int row, int column) const;
    std::int64_t integer(int row, int column) const;
    bool boolean(int row, int column) const;

  private:
    PGresult* result_ = nullptr;
};

}  // namespace caseboard::store::postgres
