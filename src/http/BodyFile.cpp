#include "http/BodyFile.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace caseboard::http {

namespace {
[[noreturn]] void fail(int fd, const char* what) {
    int error = errno;
    if (fd >= 0) ::close(fd);
    throw std::system_error(error, std::generic_category(), what);
}
}  // namespace

BodyFile::BodyFile(std::string_view bytes) : size_(bytes.size()) {
    fd_ = ::memfd_create("caseboard-body", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd_ < 0) fail(fd_, "memfd_create");
    std::size_t written = 0;
    while (written < bytes.size()) {
        ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail(fd_, "write");
        written += static_cast<std::size_t>(n);
    }
    // Sealed: what the responses send can no longer change.
    if (::fcntl(fd_, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
        fail(fd_, "fcntl(F_ADD_SEALS)");
    }
}

BodyFile::~BodyFile() {
    ::close(fd_);
}

}  // namespace caseboard::http
