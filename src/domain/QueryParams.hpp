#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caseboard::domain {

// Decoded query parameters in the order they came; a repeated name keeps its last value.
class QueryParams {
  public:
    QueryParams() = default;
    explicit QueryParams(std::vector<std::pair<std::string, std::string>> pairs)
        : pairs_(std::move(pairs)) {}

    std::optional<std::string> get(std::string_view name) const {
        for (auto it = pairs_.rbegin(); it != pairs_.rend(); ++it) {
            if (it->first == name) return it->second;
        }
        return std::nullopt;
    }

  private:
    std::vector<std::pair<std::string, std::string>> pairs_;
};

}  // namespace caseboard::domain
