#include "http/ApiTranslation.hpp"

#include <boost/url.hpp>

#include "api/ApiError.hpp"
#include "api/QueryString.hpp"

namespace caseboard::http {

namespace {

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

std::string header(const Request& request, bhttp::field field) {
    auto it = request.find(field);
    return it == request.end() ? std::string() : std::string(it->value());
}

}  // namespace

api::ApiRequest toApiRequest(const Request& request, const std::string& clientAddress) {
    api::ApiRequest out;
    out.method = std::string(request.method_string());
    if (request.method() == bhttp::verb::head) out.method = "GET";
    std::string_view raw = request.target();
    auto target = boost::urls::parse_origin_form(boost::core::string_view(raw.data(), raw.size()));
    if (!target) throw api::ApiError(400, "Malformed request target");
    out.path = target->path();
    if (target->has_query()) {
        auto query = target->encoded_query();
        out.query = api::parseQueryString(std::string_view(query.data(), query.size()));
    }
    out.body = request.body();
    out.contentType = header(request, bhttp::field::content_type);
    out.authorization = header(request, bhttp::field::authorization);
    out.ifMatch = header(request, bhttp::field::if_match);
    out.ifNoneMatch = header(request, bhttp::field::if_none_match);
    out.origin = header(request, bhttp::field::origin);
    out.host = header(request, bhttp::field::host);
    out.clientAddress = clientAddress;
    return out;
}

Response toBeastResponse(api::ApiResponse&& response, const Request& request, bool keepAlive,
                         const std::string& requestId) {
    Response out{static_cast<bhttp::status>(response.status), request.version()};
    out.set(bhttp::field::server, "caseboard");
    if (response.status != 304 && !response.contentType.empty()) {
        out.set(bhttp::field::content_type, response.contentType);
    }
    out.set(bhttp::field::cache_control, response.cacheControl);
    out.set("X-Content-Type-Options", "nosniff");
    out.set("X-Frame-Options", "DENY");
    out.set("Referrer-Policy", "no-referrer");
    out.set("Content-Security-Policy", kContentSecurityPolicy);
    out.set("X-Request-Id", requestId);
    for (auto& [name, value] : response.headers) out.set(name, value);
    out.keep_alive(keepAlive);
    auto body = response.sharedBody ? std::move(response.sharedBody)
                                    : std::make_shared<const std::string>(std::move(response.body));
    // A 204 has no body, and says nothing of its length (RFC 9110 §8.6).
    if (response.status != 204) out.content_length(body->size());
    // A HEAD answer has the length of the body it does not send.
    if (request.method() != bhttp::verb::head) out.body() = std::move(body);
    return out;
}

}  // namespace caseboard::http
