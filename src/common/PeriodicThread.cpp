#include "common/PeriodicThread.hpp"

#include <spdlog/spdlog.h>

namespace caseboard::common {

PeriodicThread::PeriodicThread(std::string what, std::chrono::milliseconds period,
                               std::function<void()> work)
    : what_(std::move(what)), period_(period), work_(std::move(work)) {
    thread_ = std::thread([this] { run(); });
}

PeriodicThread::~PeriodicThread() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void PeriodicThread::run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, period_, [this] { return stopping_; })) {
        lock.unlock();
        try {
            work_();
        } catch (const std::exception& e) {
            spdlog::warn("{}: {}", what_, e.what());
        }
        lock.lock();
    }
}

}  // namespace caseboard::common
