#include "store/postgres/PgMessage.hpp"

#include "auth/Base64Url.hpp"

namespace caseboard::store::postgres {

namespace {
constexpr char kSeparator = '.';
}  // namespace

std::optional<std::string> PgMessage::payload() const {
    std::string out = auth::base64UrlEncode(fromEmail) + kSeparator + auth::base64UrlEncode(text);
    if (out.size() > kMaxPayloadBytes) return std::nullopt;
    return out;
}

std::optional<PgMessage> PgMessage::parse(std::string_view payload) {
    auto separator = payload.find(kSeparator);
    if (separator == std::string_view::npos) return std::nullopt;
    auto fromEmail = auth::base64UrlDecode(payload.substr(0, separator));
    auto text = auth::base64UrlDecode(payload.substr(separator + 1));
    if (!fromEmail || fromEmail->empty() || !text) return std::nullopt;
    return PgMessage{std::move(*fromEmail), std::move(*text)};
}

}  // namespace caseboard::store::postgres
