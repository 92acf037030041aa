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

// False when this build runs under AddressSanitizer (the server is built alike): its allocator
// keeps freed memory in quarantine, so resident size says little about what the server holds.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kResidentSizeIsMeaningful = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kResidentSizeIsMeaningful = false;
#else
inline constexpr bool kResidentSizeIsMeaningful = true;
#endif
#else
inline constexpr bool kResidentSizeIsMeaningful = true;
#endif

}  // namespace caseboard::it
