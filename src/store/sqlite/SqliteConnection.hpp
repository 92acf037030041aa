#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

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
    // Statements are compiled once per connection and reused: compiling an INSERT of a case
    // cost more than running it, and the single writer does it for every write.
    Statement prepare(std::string_view sql);
    sqlite3* handle() const { return db_; }
    // The row id given by this connection's last INSERT.
    std::int64_t lastInsertedRowid() const { return sqlite3_last_insert_rowid(db_); }
    // The rows this connection's last INSERT, UPDATE or DELETE touched.
    std::int64_t changedRows() const { return sqlite3_changes64(db_); }
    [[noreturn]] void fail(int code, std::string_view what) const;

  private:
    struct Cached {
        sqlite3_stmt* stmt;
        bool inUse;
    };
    // Looked up by the caller's string_view, so that a hit allocates nothing.
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const noexcept {
            return std::hash<std::string_view>{}(text);
        }
    };
    // Statement texts are constants of the code, so the cache stays small; the bound is a
    // safeguard, past it statements are compiled for one use.
    static constexpr std::size_t kMaxCached = 128;

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, Cached, TextHash, std::equal_to<>> cache_;
};

// A prepared statement with positional parameters (?1, ?2…); never built from input text.
class Statement {
  public:
    // `inUse`: the cache's flag for a reused statement (reset and handed back on destruction),
    // or null for one compiled for this use alone (finalized).
    Statement(sqlite3_stmt* stmt, const Connection& owner, bool* inUse)
        : stmt_(stmt), owner_(&owner), inUse_(inUse) {}
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

    std::string text(int column) const;
    std::optional<std::string> optionalText(int column) const;
    std::int64_t integer(int column) const;

  private:
    sqlite3_stmt* stmt_;
    const Connection* owner_;
    bool* inUse_;
};

}  // namespace caseboard::store::sqlite
