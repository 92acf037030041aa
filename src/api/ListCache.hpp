#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "api/GenerationCache.hpp"
#include "domain/CaseChange.hpp"

namespace caseboard::api {

// Serialized case lists by filter, so that the screens polling the board all day are answered
// from memory. Every committed change empties it before the change is acknowledged or broadcast,
// so it is never stale after a write returns. Bounded in bytes: every distinct filter or page
// would otherwise keep a list of its own.
class ListCache final : public GenerationCache<std::shared_ptr<const std::string>>,
                        public domain::ChangeListener {
  public:
    using Body = std::shared_ptr<const std::string>;

    explicit ListCache(std::size_t maxBytes) : GenerationCache(maxBytes, bytesOf) {}

    void onCommitted(const domain::CaseChange&) override { clear(); }
    // A list reorder changes no case row, but a session's lists (session=<id>) are kept here
    // too: emptied as well, so that no list can outlive a change that touched its cases.
    void onSessionChanged(const domain::SessionChange&) override { clear(); }
    void onResync() override { clear(); }

  private:
    static std::size_t bytesOf(const std::string& key, const Body& body) {
        return key.size() + body->size();
    }
};

}  // namespace caseboard::api
