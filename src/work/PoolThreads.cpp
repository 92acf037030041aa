#include "work/PoolThreads.hpp"

#include <pthread.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/post.hpp>

#include <latch>
#include <memory>

namespace caseboard::work {

void setUpEachThread(boost::asio::thread_pool& pool, unsigned threads,
                     const std::function<void()>& setup) {
    // asio::thread_pool has no start hook. Each task holds its thread until every task has
    // started, so no thread can take two of them and each thread runs exactly one.
    auto started = std::make_shared<std::latch>(threads + 1);
    for (unsigned i = 0; i < threads; ++i) {
        boost::asio::post(pool, [started, setup] {
            setup();
            started->arrive_and_wait();
        });
    }
    started->arrive_and_wait();
}

void nameThisThread(const char* name) {
    pthread_setname_np(pthread_self(), name);
}

void runThisThreadAtLowPriority() {
    // Linux applies a "process" priority given a thread id to that thread alone.
    if (setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 19) != 0) {
        spdlog::warn("could not lower a thread's priority; sign-ins compete with requests");
    }
}

}  // namespace caseboard::work
