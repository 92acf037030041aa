#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace caseboard::pgtest {

// One `caseboard serve --database <url>` child process (the integration harness's ServerProcess
// always passes a SQLite path). Instances given the same secret file accept each other's tokens.
// stdout and stderr go to <dir>/server.log. Destruction kills it.
class PgServer {
  public:
    PgServer(std::string databaseUrl, std::string secretFile,
             std::vector<std::string> extraArgs = {});
    ~PgServer();
    PgServer(const PgServer&) = delete;
    PgServer& operator=(const PgServer&) = delete;

    // Starts and waits (bounded) for "listening on http://127.0.0.1:<port>"; throws otherwise.
    void start(std::chrono::milliseconds timeout = std::chrono::seconds(15));
    // SIGTERM, bounded wait, then SIGKILL. Returns the exit code (or -signal).
    int stop();

    unsigned short port() const { return port_; }
    std::string log() const;
    bool waitForLog(const std::string& needle, std::chrono::milliseconds timeout) const;

  private:
    std::string databaseUrl_;
    std::string secretFile_;
    std::vector<std::string> extraArgs_;
    std::string dir_;
    pid_t pid_ = -1;
    unsigned short port_ = 0;
};

}  // namespace caseboard::pgtest
