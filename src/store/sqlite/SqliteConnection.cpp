#include "store/sqlite/SqliteConnection.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "store/StoreErrors.hpp"

namespace caseboard::store::sqlite {

namespace {

constexpr mode_t kOwnerOnly = S_IRUSR | S_IWUSR;

// The database holds every patient: no other local account may read it. SQLite creates the -wal
// and -shm files with the main file's mode, so creating that one 0600 covers all three.
void createPrivately(const std::string& path) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kOwnerOnly);
    if (fd >= 0) ::close(fd);
}

// A database created by an older version (0644) is tightened: group and others lose every bit.
void tightenMode(const std::string& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0 || !S_ISREG(status.st_mode)) return;
    if ((status.st_mode & (S_IRWXG | S_IRWXO)) == 0) return;
    if (::chmod(path.c_str(), status.st_mode & S_IRWXU) != 0) {
        // Not its owner: serving on is better than refusing a database that worked yesterday.
        spdlog::warn("cannot make {} private to its owner: {}", path, std::strerror(errno));
    }
}

void keepPrivate(const std::string& path) {
    createPrivately(path);
    for (const char* suffix : {"", "-wal", "-shm"}) tightenMode(path + suffix);
}

}  // namespace

Connection::Connection(const std::string& path, bool readOnly) {
    if (!readOnly) keepPrivate(path);
    int flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw Unavailable("cannot open database " + path + ": " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    // Readers and the writer wait for each other briefly instead of failing at once.
    sqlite3_busy_timeout(db_, 5000);
    if (!readOnly) exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
    // The writer runs each request of a batch in a savepoint, whose undo journal would otherwise be
    // a temporary file written page by page on every write. It only ever holds a few pages, and
    // durability comes from the WAL, not from it.
    exec("PRAGMA temp_store=MEMORY");
}

Connection::~Connection() {
    for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
    sqlite3_close_v2(db_);
}

void Connection::exec(std::string_view sql) {
    std::string text(sql);
    char* error = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw Unavailable("database error: " + message);
    }
}

Statement Connection::prepare(std::string_view sql) {
    auto found = cache_.find(sql);
    if (found != cache_.end() && !found->second.inUse) {
        found->second.inUse = true;
        return Statement(found->second.stmt, *this, &found->second.inUse);
    }
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) fail(rc, "prepare");
    // In use already (a statement run inside another of the same text) or too many: one use.
    if (found != cache_.end() || cache_.size() >= kMaxCached)
        return Statement(stmt, *this, nullptr);
    auto& cached = cache_.emplace(std::string(sql), Cached{stmt, true}).first->second;
    return Statement(stmt, *this, &cached.inUse);
}

void Connection::fail(int code, std::string_view what) const {
    if ((code & 0xff) == SQLITE_CONSTRAINT) throw Conflict(sqlite3_errmsg(db_));
    throw Unavailable(std::string("database error (") + std::string(what) +
                      "): " + sqlite3_errmsg(db_));
}

Statement::~Statement() {
    if (!stmt_) return;
    if (!inUse_) {
        sqlite3_finalize(stmt_);
        return;
    }
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *inUse_ = false;
}

Statement::Statement(Statement&& other) noexcept
    : stmt_(other.stmt_), owner_(other.owner_), inUse_(other.inUse_) {
    other.stmt_ = nullptr;
}

Statement& Statement::bind(int index, std::string_view text) {
    int rc = sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                               SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) owner_->fail(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) owner_->fail(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
    return text ? bind(index, std::string_view(*text)) : bindNull(index);
}

Statement& Statement::bindNull(int index) {
    int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK) owner_->fail(rc, "bind");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(stmt_);
    owner_->fail(rc, "step");
}

void Statement::run() {
    while (step()) {
    }
}

std::string Statement::text(int column) const {
    auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
                : std::string();
}

std::optional<std::string> Statement::optionalText(int column) const {
    if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
    return text(column);
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

}  // namespace caseboard::store::sqlite
