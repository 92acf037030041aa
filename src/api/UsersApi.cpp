#include "api/UsersApi.hpp"

#include <boost/json.hpp>

#include "api/ApiError.hpp"
#include "api/JsonBody.hpp"
#include "api/QueryString.hpp"
#include "domain/CaseJson.hpp"
#include "domain/Credentials.hpp"
#include "domain/Text.hpp"
#include "domain/Uuid.hpp"
#include "domain/ValidationError.hpp"
#include "store/StoreErrors.hpp"

namespace caseboard::api {

namespace json = boost::json;

namespace {

struct Credentials {
    std::string email;  // normalised
    std::string password;
};

// A form post that is really a JSON object (curl -d sends JSON as a form) is read as JSON.
bool isForm(const ApiRequest& request) {
    auto start = request.body.find_first_not_of(" \t\r\n");
    return request.contentType.starts_with("application/x-www-form-urlencoded") &&
           (start == std::string::npos || request.body[start] != '{');
}

// The e-mail as register would take it. Anything else (60 kB of padding, a password typed into
// the wrong box) is refused before it can be counted, logged or stored.
std::string validEmail(const std::optional<std::string>& email, std::string_view field,
                       std::vector<domain::FieldError>& errors) {
    if (!email) return {};
    auto normalized = domain::normalizeEmail(*email);
    if (normalized) return *normalized;
    errors.push_back(
        {{"body", std::string(field)}, "value is not a valid email address", "value_error"});
    return {};
}

// Text that reaches the store (or the audit trail) holds no control character that PostgreSQL
// would cut it at or SQLite keep: refused with its loc.
void refuseControlCharacters(std::string_view field, const std::string& value,
                             std::vector<domain::FieldError>& errors) {
    if (domain::hasForbiddenControl(value)) {
        errors.push_back({{"body", std::string(field)},
                          domain::kControlCharacterMsg,
                          domain::kControlCharacterType});
    }
}

// The sign-in form of OAuth2 (username=&password=) or the seed's JSON body.
Credentials readCredentials(const ApiRequest& request) {
    std::optional<std::string> email;
    std::optional<std::string> password;
    std::string_view emailField = "email";
    std::vector<domain::FieldError> errors;
    bool form = isForm(request);
    if (form) {
        auto fields = parseQueryString(request.body);
        emailField = "username";
        email = fields.get("username");
        if (!email) email = fields.get("email");
        password = fields.get("password");
    } else {
        auto body = parseJsonObject(request.body);
        auto text = [&](std::string_view field) -> std::optional<std::string> {
            const json::value* v = body.if_contains(field);
            if (!v) return std::nullopt;
            if (!v->is_string()) {
                errors.push_back({{"body", std::string(field)},
                                  "Input should be a valid string",
                                  "string_type"});
                return std::nullopt;
            }
            return std::string(v->get_string());
        };
        email = text("email");
        if (!email && !body.contains("email")) {
            email = text("username");
            if (body.contains("username")) emailField = "username";
        }
        password = text("password");
        if (!email && !body.contains("email") && !body.contains("username")) {
            errors.push_back({{"body", "email"}, "Field required", "missing"});
        }
        if (!password && !body.contains("password")) {
            errors.push_back({{"body", "password"}, "Field required", "missing"});
        }
    }
    if (form) {
        if (!email) errors.push_back({{"body", "username"}, "Field required", "missing"});
        if (!password) errors.push_back({{"body", "password"}, "Field required", "missing"});
    }
    std::string normalized = validEmail(email, emailField, errors);
    if (password) refuseControlCharacters("password", *password, errors);
    if (!errors.empty()) throw domain::ValidationError(errors);
    return {std::move(normalized), *password};
}

std::string validNewPassword(const std::string& password, std::vector<domain::FieldError>& errors) {
    auto length = domain::codePoints(password);
    if (length < domain::kPasswordMin) {
        errors.push_back(
            {{"body", "password"}, "String should have at least 8 characters", "string_too_short"});
    } else if (length > domain::kPasswordMax) {
        errors.push_back({{"body", "password"},
                          "String should have at most 1024 characters",
                          "string_too_long"});
    }
    return password;
}

}  // namespace

void UsersApi::addRoutes(Router& router) {
    router.add("POST", "/users/register", Lane::Hash, [this](auto& r) { return registerUser(r); });
    router.add("POST", "/users/login", Lane::Hash, [this](auto& r) { return login(r); });
    router.add("GET", "/users/me", Lane::Store, [this](auto& r) { return me(r); });
    router.add("GET", "/users", Lane::Store, [this](auto& r) { return list(r); });
    router.add("PATCH", "/users/{id}", Lane::Store, [this](auto& r) { return setRole(r); });
}

ApiResponse UsersApi::registerUser(const ApiRequest& request) {
    auto body = parseJsonObject(request.body);
    std::vector<domain::FieldError> errors;
    std::optional<std::string> email;
    std::string password;
    const json::value* emailValue = body.if_contains("email");
    const json::value* passwordValue = body.if_contains("password");
    if (!emailValue) {
        errors.push_back({{"body", "email"}, "Field required", "missing"});
    } else if (!emailValue->is_string() ||
               !(email = domain::normalizeEmail(emailValue->get_string()))) {
        errors.push_back({{"body", "email"}, "value is not a valid email address", "value_error"});
    }
    if (!passwordValue) {
        errors.push_back({{"body", "password"}, "Field required", "missing"});
    } else if (!passwordValue->is_string()) {
        errors.push_back({{"body", "password"}, "Input should be a valid string", "string_type"});
    } else {
        password = validNewPassword(std::string(passwordValue->get_string()), errors);
        refuseControlCharacters("password", password, errors);
    }
    if (!errors.empty()) throw domain::ValidationError(errors);
    if (!policy_.allows(*email))
        throw ApiError(403, "Registration is not open for this e-mail address");
    if (store_.findUserByEmail(*email)) throw ApiError(409, "Email already registered");
    try {
        auto user = store_.createUser(*email, hasher_.hash(password));
        return ApiResponse::json(201, domain::toJson(user));
    } catch (const store::Conflict&) {
        throw ApiError(409, "Email already registered");
    }
}

ApiResponse UsersApi::login(const ApiRequest& request) {
    auto credentials = readCredentials(request);
    const std::string& email = credentials.email;
    // Counted as a failure before the hash is checked: concurrent guesses cannot outrun a limit.
    if (auto wait = throttle_.reserve(email, request.clientAddress)) {
        throw ApiError(ApiResponse::detail(429, "Too many failed sign-in attempts; try again later")
                           .header("Retry-After", std::to_string(wait->count())));
    }
    auto user = store_.findUserByEmail(email);
    // An unknown e-mail costs the same hash as a wrong password: no way to tell them apart.
    bool valid = user ? hasher_.verify(user->passwordHash, credentials.password)
                      : (hasher_.verifyDummy(credentials.password), false);
    if (!valid) {
        store_.recordAudit(domain::auditEntry(
            "login_failed", {user ? user->id : domain::kNoUser, email}, std::nullopt, {}));
        throw ApiError::unauthorized("Incorrect email or password");
    }
    throttle_.recordSuccess(email, request.clientAddress);
    store_.recordAudit(
        domain::auditEntry("login", Authenticator::actorOf(*user), std::nullopt, {}));
    return ApiResponse::json(200,
                             json::object{{"access_token", tokens_.issue(user->id, user->email)},
                                          {"token_type", "bearer"}});
}

ApiResponse UsersApi::me(const ApiRequest& request) {
    return ApiResponse::json(200,
                             domain::toJson(authenticator_.requireUser(request, Need::Reader)));
}

ApiResponse UsersApi::list(const ApiRequest& request) {
    authenticator_.requireUser(request, Need::Admin);
    json::array users;
    for (const auto& user : store_.allUsers()) users.push_back(domain::toJson(user));
    return ApiResponse::json(200, users);
}

ApiResponse UsersApi::setRole(const ApiRequest& request) {
    auto admin = authenticator_.requireUser(request, Need::Admin);
    auto id = domain::canonicalUuid(request.pathParams.at(0));
    if (!id) throw ApiError::notFound();
    auto body = parseJsonObject(request.body);
    const json::value* role = body.if_contains("role");
    std::optional<domain::Role> parsed;
    if (role && role->is_string()) parsed = domain::parseRole(role->get_string());
    if (!parsed) {
        throw domain::ValidationError({{{"body", "role"},
                                        "Input should be 'admin', 'editor' or 'viewer'",
                                        role ? "enum" : "missing"}});
    }
    try {
        auto user = store_.setUserRole(*id, *parsed, Authenticator::actorOf(admin));
        // Before the answer: the user's next request, with the token it holds, has the new role.
        authenticator_.forgetUsers();
        return ApiResponse::json(200, domain::toJson(user));
    } catch (const store::Conflict&) {
        throw ApiError(409, "The last admin cannot be demoted");
    }
}

}  // namespace caseboard::api
