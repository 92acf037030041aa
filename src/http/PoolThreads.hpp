#pragma once

#include <functional>

#include "http/Beast.hpp"

namespace caseboard::http {

// Runs `setup` once on each of the pool's `threads` threads and returns when all have run it.
// Call it before the pool has other work, so that every later task runs on a set-up thread.
void setUpEachThread(asio::thread_pool& pool, unsigned threads, const std::function<void()>& setup);

// Gives the calling thread a name that `top -H` and `ps -L` show (at most 15 characters).
void nameThisThread(const char* name);

// Lets the calling thread run only on CPU time no other thread of the machine wants (SCHED_IDLE):
// a waking I/O thread always preempts it.
void runThisThreadWhenIdle();

}  // namespace caseboard::http
