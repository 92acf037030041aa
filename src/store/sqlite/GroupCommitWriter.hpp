#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "domain/StoreChange.hpp"
#include "store/sqlite/SqliteConnection.hpp"

namespace caseboard::store::sqlite {

// The one connection that writes. Concurrent writes queue here and are committed together in one
// transaction (one fsync for many requests: group commit). One that fails rolls back alone: the
// batch then runs again with each write in a savepoint of its own. Writes must therefore be safe
// to run twice (they compute what they write, and their results, from the database and their
// inputs). A caller is released only after the COMMIT is durable, and the listener hears of
// every change of the batch, in order, before any caller is released.
class GroupCommitWriter {
  public:
    using Changes = std::vector<domain::StoreChange>;
    using Work = std::function<void(Connection&, Changes&)>;

    using Publish = std::function<void(const domain::StoreChange&)>;

    GroupCommitWriter(std::unique_ptr<Connection> connection, Publish publish);
    ~GroupCommitWriter();
    GroupCommitWriter(const GroupCommitWriter&) = delete;
    GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

    // Called once the batch is durable and the listener has heard of it, on the writer's
    // thread: with null, or with what the work threw (or why the batch did not commit).
    using Done = std::function<void(std::exception_ptr)>;

    // Runs work in the next batch and returns at once; done reports the outcome. Nothing waits
    // per write, so a worker thread is not parked for every request in the batch.
    void submit(Work work, Done done);
    // Runs work in the next batch and waits for its commit; rethrows what the work threw.
    void write(Work work);

  private:
    struct Job {
        Work work;
        Done done;
        Changes changes;
        std::exception_ptr error;
    };
    static constexpr std::size_t kMaxBatch = 512;

    void run();
    std::vector<std::unique_ptr<Job>> takeBatch();
    void commit(std::vector<std::unique_ptr<Job>>& batch);
    bool runTogether(std::vector<std::unique_ptr<Job>>& batch);
    void runInSavepoint(Job& job);
    void rollback();

    std::unique_ptr<Connection> connection_;
    Publish publish_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::unique_ptr<Job>> queue_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace caseboard::store::sqlite
