#pragma once

#include <functional>

#include <boost/asio/thread_pool.hpp>

namespace caseboard::work {

// Runs `setup` once on each of the pool's `threads` threads and returns when all have run it.
// Call it before the pool has other work, so that every later task runs on a set-up thread.
void setUpEachThread(boost::asio::thread_pool& pool, unsigned threads,
                     const std::function<void()>& setup);

// Gives the calling thread a name that `top -H` and `ps -L` show (at most 15 characters).
void nameThisThread(const char* name);

// Gives the calling thread the lowest normal priority (nice 19): next to a busy I/O thread it
// gets about 1.5 % of a core. Not SCHED_IDLE: that gets nothing at all while anything else on
// the machine is busy, and sign-ins then wait for minutes.
void runThisThreadAtLowPriority();

}  // namespace caseboard::work
