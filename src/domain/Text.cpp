#include "domain/Text.hpp"

namespace caseboard::domain {

std::size_t codePoints(std::string_view utf8) {
    std::size_t count = 0;
    for (unsigned char c : utf8) {
        if ((c & 0xC0) != 0x80) ++count;
    }
    return count;
}

namespace {

// The number of continuation bytes after lead byte c, and the smallest and largest allowed
// second byte (which excludes overlong forms, surrogates and code points past U+10FFFF).
struct Utf8Lead {
    int continuations;
    unsigned char secondMin;
    unsigned char secondMax;
};

bool utf8Lead(unsigned char c, Utf8Lead& lead) {
    if (c >= 0xC2 && c <= 0xDF)
        lead = {1, 0x80, 0xBF};
    else if (c == 0xE0)
        lead = {2, 0xA0, 0xBF};
    else if (c == 0xED)
        lead = {2, 0x80, 0x9F};
    else if (c >= 0xE1 && c <= 0xEF)
        lead = {2, 0x80, 0xBF};
    else if (c == 0xF0)
        lead = {3, 0x90, 0xBF};
    else if (c >= 0xF1 && c <= 0xF3)
        lead = {3, 0x80, 0xBF};
    else if (c == 0xF4)
        lead = {3, 0x80, 0x8F};
    else
        return false;
    return true;
}

}  // namespace

bool isValidUtf8(std::string_view bytes) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        auto c = static_cast<unsigned char>(bytes[i++]);
        if (c < 0x80) continue;
        Utf8Lead lead{};
        if (!utf8Lead(c, lead) || bytes.size() - i < static_cast<std::size_t>(lead.continuations)) {
            return false;
        }
        auto second = static_cast<unsigned char>(bytes[i]);
        if (second < lead.secondMin || second > lead.secondMax) return false;
        for (int k = 1; k < lead.continuations; ++k) {
            if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) return false;
        }
        i += lead.continuations;
    }
    return true;
}

std::string trimmed(std::string_view text) {
    constexpr std::string_view space = " \t\r\n\f\v";
    auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    auto last = text.find_last_not_of(space);
    return std::string(text.substr(first, last - first + 1));
}

std::string lowerAscii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool hasForbiddenControl(std::string_view text) {
    for (unsigned char c : text) {
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return true;
    }
    return false;
}

}  // namespace caseboard::domain
