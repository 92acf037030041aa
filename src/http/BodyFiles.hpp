#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>

#include "api/WeightedLru.hpp"
#include "http/BodyFile.hpp"

namespace caseboard::http {

// The memory files of the shared bodies being sent (the api layer's cached lists): made on first
// use, kept while their body lives, within a total size (the least recently used go first; a
// response that sends one keeps it until it is sent). Safe from any thread.
class BodyFiles {
  public:
    using Body = std::shared_ptr<const std::string>;

    explicit BodyFiles(std::size_t maxBytes) : entries_(maxBytes) {}

    // Null if no file could be made (out of descriptors, say): send the bytes instead.
    std::shared_ptr<const BodyFile> fileFor(const Body& body);
    // Lets go of the files of bodies that died (the cache dropped them): once the responses
    // sending one are done, its memory goes back.
    void forgetDeadBodies();

  private:
    struct Entry {
        std::weak_ptr<const std::string> body;
        std::shared_ptr<const BodyFile> file;
    };

    void dropDeadBodies();  // with mutex_ held

    std::mutex mutex_;
    api::WeightedLru<const std::string*, Entry> entries_;
};

}  // namespace caseboard::http
