#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace caseboard::domain {

// Length in Unicode code points of valid UTF-8 (the JSON parser has already refused invalid
// UTF-8), so that "200 characters" means what a person counts, not bytes.
std::size_t codePoints(std::string_view utf8);

// Without leading and trailing white space (ASCII space, tab, CR, LF, FF, VT).
std::string trimmed(std::string_view text);

std::string lowerAscii(std::string_view text);

}  // namespace caseboard::domain
