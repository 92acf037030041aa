#include "domain/Credentials.hpp"

#include <regex>

#include "domain/Text.hpp"

namespace caseboard::domain {

std::optional<std::string> normalizeEmail(std::string_view raw) {
    // Deliberately plain: one @, a local part without spaces, a dotted domain of DNS labels.
    static const std::regex address(
        R"([A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})");
    std::string email = lowerAscii(trimmed(raw));
    if (email.size() > 254 || !std::regex_match(email, address)) return std::nullopt;
    if (email.front() == '.' || email.find("..") != std::string::npos ||
        email[email.find('@') - 1] == '.') {
        return std::nullopt;
    }
    return email;
}

}  // namespace caseboard::domain
