#include "oidc/Discovery.hpp"

#include "oidc/EndpointUrl.hpp"
#include "oidc/OidcError.hpp"

#include <boost/json/parse.hpp>

namespace caseboard::oidc {

namespace json = boost::json;

namespace {

std::string endpointField(const json::object& document, std::string_view name) {
    const json::value* field = document.if_contains(name);
    if (field == nullptr || !field->is_string()) {
        throw OidcError::unavailable("discovery document lacks " + std::string(name));
    }
    std::string url(field->get_string());
    (void)EndpointUrl::parse(url);
    return url;
}

}  // namespace

Discovery::Discovery(const HttpsClient& http, std::string issuer)
    : http_(http), issuer_(std::move(issuer)) {
    (void)EndpointUrl::parse(issuer_);
}

ProviderMetadata Discovery::metadata() {
    {
        std::lock_guard lock(mutex_);
        if (cached_) return *cached_;
    }
    // Fetched without the lock: a slow provider must not queue every sign-in behind one fetch.
    ProviderMetadata fresh = fetch();
    std::lock_guard lock(mutex_);
    cached_ = fresh;
    return fresh;
}

void Discovery::forget() {
    std::lock_guard lock(mutex_);
    cached_.reset();
}

ProviderMetadata Discovery::fetch() const {
    // An issuer ending in "/" is used as is: the discovery path joins it without a second one.
    const std::string base =
        issuer_.ends_with('/') ? issuer_.substr(0, issuer_.size() - 1) : issuer_;
    const HttpsResponse response = http_.get(base + "/.well-known/openid-configuration");
    if (response.status != 200) {
        throw OidcError::unavailable("discovery answered HTTP " + std::to_string(response.status));
    }
    boost::system::error_code error;
    const json::value document = json::parse(response.body, error);
    if (error || !document.is_object()) {
        throw OidcError::unavailable("discovery document is not a JSON object");
    }
    const json::object& fields = document.get_object();
    const json::value* issuer = fields.if_contains("issuer");
    // OpenID Connect Discovery 1.0, 4.3: the issuer must be exactly the one configured.
    if (issuer == nullptr || !issuer->is_string() || issuer->get_string() != issuer_) {
        throw OidcError::unavailable("discovery document is for another issuer");
    }
    return ProviderMetadata{
        endpointField(fields, "authorization_endpoint"), endpointField(fields, "token_endpoint"),
        endpointField(fields, "jwks_uri"),
        fields.contains("userinfo_endpoint") ? endpointField(fields, "userinfo_endpoint")
                                             : std::string()};
}

}  // namespace caseboard::oidc
