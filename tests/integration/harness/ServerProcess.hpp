#pragma once

#include <sys/types.h>
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace caseboard::it {

// Path of the server binary: $CASEBOARD_BINARY, else the path CMake compiled in.
std::string serverBinary();

struct ServerOptions {
    std::vector<std::string> extraArgs;      // appended after the standard flags
    std::map<std::string, std::string> env;  // CASEBOARD_* of the caller are never inherited
    bool alwaysSqlite = false;               // a SQLite file even when the suite runs on PostgreSQL
    unsigned openFileLimit = 0;              // RLIMIT_NOFILE of the server (soft and hard); 0: ours
};

// One `caseboard serve` child process in its own temporary directory, with stdout and stderr
// appended to <dir>/server.log. Restartable on the same database. Destruction kills it.
class ServerProcess {
  public:
    explicit ServerProcess(ServerOptions options = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // Starts the binary and waits (bounded) for "listening on http://127.0.0.1:<port>".
    // Throws std::runtime_error (with the log) if the line does not appear.
    void start(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // SIGTERM, then waitpid for at most `grace`, then SIGKILL. Returns the exit code,
    // or -<signal> if it was killed by a signal. -1000 if it was not running.
    int stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
    // Sends a signal without waiting.
    void signal(int sig) const;
    // Waits for the process to exit; returns the exit code as stop() does, or nullopt-like -2000 on
    // timeout.
    int waitExit(std::chrono::milliseconds timeout);
    // SIGKILL and reap.
    void kill9();
    // stop() then start() on the same database.
    int restart();

    bool running() const { return pid_ > 0; }
    pid_t pid() const { return pid_; }
    unsigned short port() const { return port_; }
    const std::string& dir() const { return dir_; }
    std::string databasePath() const { return dir_ + "/caseboard.db"; }
    // What the server was given as --database (the SQLite file, or its PostgreSQL database's
    // URL), for another command on the same data (`caseboard user …`).
    std::string databaseArgument() { return databaseArgs().at(1); }
    std::string logPath() const { return dir_ + "/server.log"; }
    std::string origin() const;  // http://127.0.0.1:<port>
    std::string log() const;     // all runs so far

    // Polls the log (bounded) until it contains `needle`.
    bool waitForLog(const std::string& needle, std::chrono::milliseconds timeout) const;

  private:
    // --database for the server: a SQLite file here, or a fresh PostgreSQL database of its own
    // when the suite runs under tests/pg/with-postgres.sh (CASEBOARD_TEST_DATABASE_URL).
    std::vector<std::string> databaseArgs();

    ServerOptions options_;
    std::string dir_;
    pid_t pid_ = -1;
    unsigned short port_ = 0;
    std::string pgUrl_;
};

// Decodes a waitpid status as ServerProcess::stop() reports it.
int decodeWaitStatus(int status);

// A fresh directory under $TMPDIR (or /tmp), removed recursively by removeTree().
std::string makeTempDir(const std::string& prefix);
void removeTree(const std::string& path);

// The environment of this process without CASEBOARD_* entries, plus `extra`.
std::vector<std::string> childEnvironment(const std::map<std::string, std::string>& extra);

}  // namespace caseboard::it
