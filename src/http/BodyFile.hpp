#pragma once

#include <cstddef>
#include <string_view>

namespace caseboard::http {

// An immutable body in a sealed memory file, so that the kernel can send it from its own pages
// (sendfile) instead of copying it from ours into every response.
class BodyFile {
  public:
    // Throws std::system_error if the file cannot be made.
    explicit BodyFile(std::string_view bytes);
    ~BodyFile();
    BodyFile(const BodyFile&) = delete;
    BodyFile& operator=(const BodyFile&) = delete;

    int fd() const { return fd_; }
    std::size_t size() const { return size_; }

  private:
    int fd_;
    std::size_t size_;
};

}  // namespace caseboard::http
