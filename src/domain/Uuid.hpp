#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace caseboard::domain {

// A random (version 4) UUID in canonical lower-case form.
std::string newUuid();

// The canonical lower-case form of text if it is a UUID (any case), otherwise nothing.
std::optional<std::string> canonicalUuid(std::string_view text);

}  // namespace caseboard::domain
