#include "directory/FilterValue.hpp"

namespace caseboard::directory {

std::string escapeFilterValue(std::string_view value) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string escaped;
    escaped.reserve(value.size());
    for (const char c : value) {
        if (c == '\\' || c == '*' || c == '(' || c == ')' || c == '\0') {
            const auto byte = static_cast<unsigned char>(c);
            escaped += '\\';
            escaped += kHex[byte >> 4];
            escaped += kHex[byte & 0x0f];
        } else {
            escaped += c;
        }
    }
    return escaped;
}

std::string userFilter(std::string_view filterTemplate, std::string_view email) {
    static constexpr std::string_view kPlaceholder = "{email}";
    const std::string value = escapeFilterValue(email);
    std::string filter;
    std::size_t from = 0;
    for (auto at = filterTemplate.find(kPlaceholder); at != std::string_view::npos;
         at = filterTemplate.find(kPlaceholder, from)) {
        filter.append(filterTemplate.substr(from, at - from));
        filter += value;
        from = at + kPlaceholder.size();
    }
    filter.append(filterTemplate.substr(from));
    return filter;
}

}  // namespace caseboard::directory
