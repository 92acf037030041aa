#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "domain/CaseChange.hpp"

namespace caseboard::api {

// Serialized case lists by filter, so that the screens polling the board all day are answered
// from memory. Every committed change empties it before the change is acknowledged or broadcast,
// so it is never stale after a write returns. A list computed while a change committed is not
// kept (the generation moved on), so a slow reader cannot put old data back.
class ListCache final : public domain::ChangeListener {
  public:
    using Body = std::shared_ptr<const std::string>;

    std::optional<Body> find(const std::string& key) const;
    // Read before computing a list; pass to keep().
    std::uint64_t generation() const;
    void keep(const std::string& key, Body body, std::uint64_t generationRead);

    void onCommitted(const domain::CaseChange&) override { clear(); }
    void onResync() override { clear(); }

  private:
    static constexpr std::size_t kMaxEntries = 256;
    void clear();

    mutable std::mutex mutex_;
    std::uint64_t generation_ = 0;
    std::unordered_map<std::string, Body> bodies_;
};

}  // namespace caseboard::api
