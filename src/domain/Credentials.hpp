#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace caseboard::domain {

// The e-mail as stored: trimmed and lower-cased; empty if it is not a plausible address.
std::optional<std::string> normalizeEmail(std::string_view raw);

constexpr std::size_t kPasswordMin = 8;
constexpr std::size_t kPasswordMax = 1024;

}  // namespace caseboard::domain
