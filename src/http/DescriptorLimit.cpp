#include "http/DescriptorLimit.hpp"

#include <sys/resource.h>

#include <filesystem>

namespace caseboard::http {

namespace {

std::size_t softLimit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 1024;
    return static_cast<std::size_t>(limit.rlim_cur);
}

std::size_t descriptorsOpen() {
    std::error_code ec;
    std::size_t count = 0;
    for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
         it.increment(ec)) {
        ++count;
    }
    return count;
}

}  // namespace

void raiseDescriptorLimit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
    limit.rlim_cur = limit.rlim_max;
    // An unlimited hard limit is refused above the kernel's ceiling: the old one stays then.
    ::setrlimit(RLIMIT_NOFILE, &limit);
}

std::size_t connectionCapacity(std::size_t reserve) {
    const std::size_t used = descriptorsOpen() + reserve;
    const std::size_t limit = softLimit();
    return limit > used ? limit - used : 0;
}

}  // namespace caseboard::http
