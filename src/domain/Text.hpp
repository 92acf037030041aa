#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace caseboard::domain {

// Length in Unicode code points of valid UTF-8 (the JSON parser has already refused invalid
// UTF-8), so that "200 characters" means what a person counts, not bytes.
std::size_t codePoints(std::string_view utf8);

// True for well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF.
bool isValidUtf8(std::string_view bytes);

// Without leading and trailing white space (ASCII space, tab, CR, LF, FF, VT).
std::string trimmed(std::string_view text);

std::string lowerAscii(std::string_view text);

// True when text holds U+0000 or another C0 control other than tab, LF and CR. PostgreSQL cannot
// store U+0000 (it would cut the text there) while SQLite keeps it, so such text is refused
// everywhere to keep both stores alike; the other controls are never typed and only hide things.
bool hasForbiddenControl(std::string_view text);

// The 422 entry's msg and type for such text.
inline constexpr const char* kControlCharacterMsg =
    "String should not contain U+0000 or control characters other than tab, LF and CR";
inline constexpr const char* kControlCharacterType = "string_control_character";

// True when text has between min and max characters, each of them accepted by isAllowed.
template <typename Predicate>
bool consistsOf(std::string_view text, std::size_t min, std::size_t max, Predicate isAllowed) {
    if (text.size() < min || text.size() > max) return false;
    for (char c : text) {
        if (!isAllowed(c)) return false;
    }
    return true;
}

inline bool isAsciiLower(char c) {
    return c >= 'a' && c <= 'z';
}
inline bool isAsciiLetter(char c) {
    return isAsciiLower(c) || (c >= 'A' && c <= 'Z');
}
inline bool isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace caseboard::domain
