#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace caseboard::common {

// A thread that runs `work` every `period` until destroyed (destruction waits for a run in
// progress to finish). What `work` throws is logged with `what` and the next run goes on.
class PeriodicThread {
  public:
    PeriodicThread(std::string what, std::chrono::milliseconds period, std::function<void()> work);
    ~PeriodicThread();
    PeriodicThread(const PeriodicThread&) = delete;
    PeriodicThread& operator=(const PeriodicThread&) = delete;

  private:
    void run();

    std::string what_;
    std::chrono::milliseconds period_;
    std::function<void()> work_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace caseboard::common
