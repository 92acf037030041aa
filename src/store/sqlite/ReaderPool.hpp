#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/SqliteConnection.hpp"

namespace caseboard::store::sqlite {

// Read-only connections shared by the worker threads. WAL lets them read while the writer
// writes; a connection is handed to one thread at a time and opened on demand.
class ReaderPool {
  public:
    explicit ReaderPool(std::string path) : path_(std::move(path)) {}

    class Lease {
      public:
        Lease(ReaderPool& pool, std::unique_ptr<Connection> connection)
            : pool_(pool), connection_(std::move(connection)) {}
        ~Lease() { pool_.giveBack(std::move(connection_)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Connection* operator->() const { return connection_.get(); }
        Connection& operator*() const { return *connection_; }

      private:
        ReaderPool& pool_;
        std::unique_ptr<Connection> connection_;
    };

    Lease acquire();

  private:
    void giveBack(std::unique_ptr<Connection> connection);

    std::string path_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace caseboard::store::sqlite
