#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/BodyFile.hpp"

namespace caseboard::http {

// The memory files of the shared bodies being sent (the api layer's cached lists): made on first
// use, kept for as long as their body lives. Safe from any thread.
class BodyFiles {
  public:
    using Body = std::shared_ptr<const std::string>;

    // Null if no file could be made (out of descriptors, say): send the bytes instead.
    std::shared_ptr<const BodyFile> fileFor(const Body& body);

  private:
    struct Entry {
        std::weak_ptr<const std::string> body;
        std::shared_ptr<const BodyFile> file;
    };
    void forgetDeadBodies();

    std::mutex mutex_;
    std::unordered_map<const std::string*, Entry> entries_;
};

}  // namespace caseboard::http
