#pragma once

#include <cstddef>

namespace caseboard::api {

// What a read of at least this many bytes leaves freed is worth handing back at once.
constexpr std::size_t kLargeRead = 1 << 20;

// Hands the memory that the allocator holds freed back to the kernel. glibc keeps it in the
// arena of the thread that freed it (one per worker, up to eight per core), so a load of large
// lists would otherwise keep its peak for good. Costs about a millisecond: for large reads only.
void giveBackFreedMemory();

}  // namespace caseboard::api
