#include "oidc/OidcClient.hpp"

#include "oidc/Discovery.hpp"
#include "oidc/HttpsClient.hpp"
#include "oidc/IdTokenVerifier.hpp"
#include "oidc/Jwks.hpp"
#include "oidc/OidcError.hpp"
#include "oidc/PendingLogins.hpp"
#include "oidc/Pkce.hpp"
#include "oidc/RoleMapping.hpp"
#include "oidc/TokenEndpoint.hpp"
#include "oidc/UserInfo.hpp"

#include <boost/json/parse.hpp>
#include <boost/url/url.hpp>

#include <algorithm>
#include <cctype>

namespace caseboard::oidc {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxEmailLength = 254;  // RFC 5321's path limit

json::value fetchJwks(const HttpsClient& http, Discovery& discovery) {
    const HttpsResponse response = http.get(discovery.metadata().jwksUri);
    boost::system::error_code error;
    json::value document = json::parse(response.body, error);
    if (response.status != 200 || error) {
        throw OidcError::unavailable("JWKS answered HTTP " + std::to_string(response.status));
    }
    return document;
}

std::string verifiedEmail(const json::object& claims) {
    const json::value* email = claims.if_contains("email");
    if (email == nullptr || !email->is_string() || email->get_string().empty() ||
        email->get_string().size() > kMaxEmailLength ||
        email->get_string().find('@') == json::string::npos) {
        throw OidcError::unverified("the ID token has no email claim");
    }
    // A provider that says the address is unverified lets anyone claim it.
    const json::value* verified = claims.if_contains("email_verified");
    if (verified != nullptr && verified->is_bool() && !verified->get_bool()) {
        throw OidcError::unverified("the provider has not verified the email address");
    }
    std::string lowered(email->get_string());
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lowered;
}

// Claims the ID token lacks, from the UserInfo endpoint; the ID token's own are kept.
void addMissing(json::object& claims, const json::object& more) {
    for (const auto& [name, value] : more) {
        if (!claims.contains(name)) claims.emplace(name, value);
    }
}

}  // namespace

struct OidcClient::Parts {
    explicit Parts(OidcSettings settings)
        : http(settings.caFile),
          discovery(http, settings.issuer),
          jwks([this] { return fetchJwks(http, discovery); }),
          verifier(settings.issuer, settings.clientId, jwks),
          tokens(http, settings.clientId, settings.clientSecret, settings.redirectUri),
          userInfo(http),
          roles(settings.roleClaim, settings.roleMap),
          clientId(settings.clientId),
          redirectUri(settings.redirectUri) {}

    HttpsClient http;
    Discovery discovery;
    Jwks jwks;
    IdTokenVerifier verifier;
    TokenEndpoint tokens;
    UserInfo userInfo;
    RoleMapping roles;
    PendingLogins pending;
    std::string clientId;
    std::string redirectUri;
};

OidcClient::OidcClient(OidcSettings settings)
    : parts_(std::make_unique<Parts>(std::move(settings))) {}

OidcClient::~OidcClient() = default;

std::string OidcClient::beginLogin() {
    const ProviderMetadata provider = parts_->discovery.metadata();
    const PendingLogin login = parts_->pending.start();
    boost::urls::url url(provider.authorizationEndpoint);
    auto params = url.params();
    params.append({"response_type", "code"});
    params.append({"scope", "openid email profile"});
    params.append({"client_id", parts_->clientId});
    params.append({"redirect_uri", parts_->redirectUri});
    params.append({"state", login.state});
    params.append({"nonce", login.nonce});
    params.append({"code_challenge", pkceChallenge(login.codeVerifier)});
    params.append({"code_challenge_method", "S256"});
    return std::string(url.buffer());
}

Identity OidcClient::finishLogin(std::string_view code, std::string_view state) {
    const auto login = parts_->pending.take(state);
    if (!login) throw OidcError::invalidState();
    if (code.empty()) throw OidcError::refused("the provider answered the sign-in with an error");
    try {
        const ProviderMetadata provider = parts_->discovery.metadata();
        const TokenResponse tokens =
            parts_->tokens.exchange(provider.tokenEndpoint, code, login->codeVerifier);
        json::object claims = parts_->verifier.verify(tokens.idToken, login->nonce);
        const std::string subject(claims.at("sub").get_string());
        const bool incomplete =
            !claims.contains("email") || !claims.contains(parts_->roles.claim());
        if (incomplete && !provider.userinfoEndpoint.empty() && !tokens.accessToken.empty()) {
            addMissing(claims, parts_->userInfo.fetch(provider.userinfoEndpoint, tokens.accessToken,
                                                      subject));
        }
        return Identity{subject, verifiedEmail(claims), parts_->roles.roleOf(claims)};
    } catch (const OidcError& error) {
        // The provider may have moved its endpoints: read the discovery document again next time.
        if (error.status() == 503) parts_->discovery.forget();
        throw;
    }
}

}  // namespace caseboard::oidc
