#include "domain/Credentials.hpp"

#include "domain/Text.hpp"

namespace caseboard::domain {

namespace {

// The characters RFC 5322 allows unquoted in a local part ("dot-atom"), dots checked apart.
bool isLocalChar(char c) {
    return isAsciiLetter(c) || isAsciiDigit(c) ||
           std::string_view("!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
}

// a.b.c: no empty part, so no leading, trailing or doubled dot.
bool isDotAtom(std::string_view text) {
    if (text.empty() || text.front() == '.' || text.back() == '.') return false;
    if (text.find("..") != std::string_view::npos) return false;
    return consistsOf(text, 1, 64, [](char c) { return c == '.' || isLocalChar(c); });
}

// DNS labels, at least two, the last alphabetic (a top-level domain).
bool isDomain(std::string_view domain) {
    std::size_t labels = 0;
    std::string_view last;
    while (!domain.empty()) {
        auto dot = domain.find('.');
        std::string_view label = domain.substr(0, dot);
        auto isLabelChar = [](char c) { return isAsciiLetter(c) || isAsciiDigit(c) || c == '-'; };
        if (!consistsOf(label, 1, 63, isLabelChar) || label.front() == '-' || label.back() == '-') {
            return false;
        }
        ++labels;
        last = label;
        if (dot == std::string_view::npos) break;
        domain.remove_prefix(dot + 1);
        if (domain.empty()) return false;  // a trailing dot
    }
    return labels >= 2 && consistsOf(last, 2, 63, isAsciiLetter);
}

}  // namespace

std::optional<std::string> normalizeEmail(std::string_view raw) {
    // Deliberately plain: one @, an unquoted local part, a dotted domain of DNS labels.
    std::string email = lowerAscii(trimmed(raw));
    auto at = email.find('@');
    if (email.size() > 254 || at == std::string::npos ||
        email.find('@', at + 1) != std::string::npos) {
        return std::nullopt;
    }
    std::string_view view(email);
    if (!isDotAtom(view.substr(0, at)) || !isDomain(view.substr(at + 1))) return std::nullopt;
    return email;
}

}  // namespace caseboard::domain
