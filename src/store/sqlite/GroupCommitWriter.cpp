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

void GroupCommitWriter::write(Work work) {
    auto job = std::make_unique<Job>();
    job->work = std::move(work);
    auto done = job->done.get_future();
    {
        std::lock_guard lock(mutex_);
        if (stopping_) throw Unavailable("the store is shutting down");
        queue_.push_back(std::move(job));
    }
    wake_.notify_one();
    done.get();
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
        for (auto& job : batch) job->done.set_exception(error);
        return;
    }
    for (auto& job : batch) {
        for (const auto& change : job->changes) publish_(change);
        if (job->error) {
            job->done.set_exception(job->error);
        } else {
            job->done.set_value();
        }
    }
}

}  // namespace caseboard::store::sqlite
