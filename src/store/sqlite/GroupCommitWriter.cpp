#include "store/sqlite/GroupCommitWriter.hpp"

#include "store/StoreErrors.hpp"

namespace caseboard::store::sqlite {

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<Connection> connection, Publish publish)
    : connection_(std::move(connection)),
      publish_(std::move(publish)),
      thread_([this] { run(); }) {}

GroupCommitWriter::~GroupCommitWriter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void GroupCommitWriter::submit(Work work, Done done) {
    auto job = std::make_unique<Job>();
    job->work = std::move(work);
    job->done = std::move(done);
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            queue_.push_back(std::move(job));
            job = nullptr;
        }
    }
    if (job) {
        job->done(std::make_exception_ptr(Unavailable("the store is shutting down")));
        return;
    }
    wake_.notify_one();
}

void GroupCommitWriter::write(Work work) {
    // Shared with the job: the writer may still be inside set_value when this caller, woken by
    // it, returns.
    auto committed = std::make_shared<std::promise<void>>();
    auto outcome = committed->get_future();
    submit(std::move(work), [committed](std::exception_ptr error) {
        if (error) {
            committed->set_exception(error);
        } else {
            committed->set_value();
        }
    });
    outcome.get();
}

void GroupCommitWriter::run() {
    for (;;) {
        auto batch = takeBatch();
        if (batch.empty()) return;
        commit(batch);
    }
}

std::vector<std::unique_ptr<GroupCommitWriter::Job>> GroupCommitWriter::takeBatch() {
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    std::vector<std::unique_ptr<Job>> batch;
    while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
    }
    return batch;
}

// Most batches fail nowhere, so they run with no savepoint at all: a savepoint copies every page
// a write touches first, which was a third of a create's time. False as soon as a job throws; the
// transaction then holds part of its work.
bool GroupCommitWriter::runTogether(std::vector<std::unique_ptr<Job>>& batch) {
    for (auto& job : batch) {
        try {
            job->work(*connection_, job->changes);
        } catch (...) {
            return false;
        }
    }
    return true;
}

// Jobs run again from the start here, so what a first attempt left in them goes.
void GroupCommitWriter::runInSavepoint(Job& job) {
    job.changes.clear();
    job.error = nullptr;
    connection_->prepare("SAVEPOINT job").run();
    try {
        job.work(*connection_, job.changes);
        connection_->prepare("RELEASE job").run();
    } catch (...) {
        job.error = std::current_exception();
        job.changes.clear();
        connection_->prepare("ROLLBACK TO job").run();
        connection_->prepare("RELEASE job").run();
    }
}

void GroupCommitWriter::rollback() {
    if (!sqlite3_get_autocommit(connection_->handle())) {
        sqlite3_exec(connection_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void GroupCommitWriter::commit(std::vector<std::unique_ptr<Job>>& batch) {
    try {
        connection_->prepare("BEGIN IMMEDIATE").run();
        if (!runTogether(batch)) {
            // Start over with each job in a savepoint of its own, so that the one that failed
            // undoes exactly its own rows and the others still commit.
            rollback();
            connection_->prepare("BEGIN IMMEDIATE").run();
            for (auto& job : batch) runInSavepoint(*job);
        }
        connection_->prepare("COMMIT").run();
    } catch (...) {
        // The batch as a whole did not commit: nobody's write happened, everybody hears so.
        auto error = std::current_exception();
        rollback();
        for (auto& job : batch) job->done(error);
        return;
    }
    for (auto& job : batch) {
        for (const auto& change : job->changes) publish_(change);
    }
    // Every change of the batch is published before the first caller hears of its commit.
    for (auto& job : batch) job->done(job->error);
}

}  // namespace caseboard::store::sqlite
