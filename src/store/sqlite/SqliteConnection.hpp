#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace caseboard::store::sqlite {

class Statement;

// One SQLite connection, opened in WAL mode with synchronous=FULL so that a committed
// transaction survives a crash or power loss.
class Connection {
  public:
    Connection(const std::string& path, bool readOnly);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    sqlite3* handle() const { return db_; }
    [[noreturn]] void fail(int code, std::string_view what) const;

  private:
    sqlite3* db_ = nullptr;
};

// A prepared statement with positional parameters (?1, ?2…); never built from input text.
class Statement {
  public:
    Statement(sqlite3_stmt* stmt, const Connection& owner) : stmt_(stmt), owner_(&owner) {}
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, const std::optional<std::string>& text);
    Statement& bindNull(int index);

    // True while a row is available.
    bool step();
    // Runs a statement that returns no rows.
    void run();
    void reset();

    std::string text(int column) const;
    std::optional<std::string> optionalText(int column) const;
    std::int64_t integer(int column) const;

  private:
    sqlite3_stmt* stmt_;
    const Connection* owner_;
};

}  // namespace caseboard::store::sqlite
