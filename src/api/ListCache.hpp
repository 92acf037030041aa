#pragma once

#include <memory>
#include <string>

#include "api/GenerationCache.hpp"
#include "domain/CaseChange.hpp"

namespace caseboard::api {

// Serialized case lists by filter, so that the screens polling the board all day are answered
// from memory. Every committed change empties it before the change is acknowledged or broadcast,
// so it is never stale after a write returns.
class ListCache final : public GenerationCache<std::shared_ptr<const std::string>>,
                        public domain::ChangeListener {
  public:
    using Body = std::shared_ptr<const std::string>;

    ListCache() : GenerationCache(kMaxEntries) {}

    void onCommitted(const domain::CaseChange&) override { clear(); }
    void onResync() override { clear(); }

  private:
    static constexpr std::size_t kMaxEntries = 256;
};

}  // namespace caseboard::api
