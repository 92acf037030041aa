#pragma once

#include <cstddef>

namespace caseboard::http {

// Raises this process's soft limit on open files to its hard limit, so that as many connections
// as the administrator allows can be held.
void raiseDescriptorLimit();

// How many connections can be open at once without running out of descriptors: the soft limit,
// less those open now and `reserve` for what the process opens later (database files and
// connections, the log, memory files).
std::size_t connectionCapacity(std::size_t reserve);

}  // namespace caseboard::http
