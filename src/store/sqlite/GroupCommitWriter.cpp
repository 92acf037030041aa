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

void GroupCommitWriter::runInSavepoint(Job& job) {
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

void GroupCommitWriter::commit(std::vector<std::unique_ptr<Job>>& batch) {
    try {
        connection_->prepare("BEGIN IMMEDIATE").run();
        for (auto& job : batch) runInSavepoint(*job);
        connection_->prepare("COMMIT").run();
    } catch (...) {
        // The batch as a whole did not commit: nobody's write happened, everybody hears so.
        auto error = std::current_exception();
        if (!sqlite3_get_autocommit(connection_->handle())) {
            sqlite3_exec(connection_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        }
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
