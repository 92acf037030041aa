#include "oidc/CompactJws.hpp"

#include "auth/Base64Url.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>

namespace caseboard::oidc {

namespace json = boost::json;

namespace {

// Far above any ID token (a few KiB even with many groups), far below a memory problem.
constexpr std::size_t kMaxTokenBytes = 64 * 1024;

std::optional<json::object> decodedObject(std::string_view part) {
    const auto bytes = auth::base64UrlDecode(part);
    if (!bytes) return std::nullopt;
    boost::system::error_code error;
    json::value value = json::parse(*bytes, error);
    if (error || !value.is_object()) return std::nullopt;
    return std::move(value.get_object());
}

}  // namespace

std::optional<CompactJws> CompactJws::parse(std::string_view token) {
    if (token.size() > kMaxTokenBytes || std::count(token.begin(), token.end(), '.') != 2) {
        return std::nullopt;
    }
    const std::size_t first = token.find('.');
    const std::size_t second = token.find('.', first + 1);
    auto header = decodedObject(token.substr(0, first));
    auto payload = decodedObject(token.substr(first + 1, second - first - 1));
    auto signature = auth::base64UrlDecode(token.substr(second + 1));
    if (!header || !payload || !signature) return std::nullopt;
    return CompactJws{std::move(*header), std::move(*payload), std::string(token.substr(0, second)),
                      std::move(*signature)};
}

}  // namespace caseboard::oidc
