#pragma once

#include <sys/types.h>

#include <cstddef>

namespace caseboard::it {

// Resident memory of a process in bytes (VmRSS in /proc/<pid>/status); 0 if it cannot be read.
std::size_t residentBytes(pid_t pid);

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
