#pragma once

#include <sys/types.h>

#include <chrono>

namespace caseboard::it {

// Resident memory of a process in KiB (VmRSS of /proc/<pid>/status); -1 if it cannot be read.
long residentKib(pid_t pid);

// Resident memory once it has stopped moving: two readings `interval` apart within 1 MiB of each
// other, or the last reading after `timeout`.
long settledResidentKib(pid_t pid,
                        std::chrono::milliseconds interval = std::chrono::milliseconds(300),
                        std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace caseboard::it
