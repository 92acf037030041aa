#include "api/FreedMemory.hpp"

#include <malloc.h>

namespace caseboard::api {

void giveBackFreedMemory() {
    ::malloc_trim(0);
}

}  // namespace caseboard::api
