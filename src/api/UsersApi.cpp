#include "api/UsersApi.hpp"

#include <boost/json.hpp>

#include "api/ApiError.hpp"
#include "api/JsonBody.hpp"
#include "api/QueryString.hpp"
#include "auth/GeneratedPassword.hpp"
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

// A password someone chooses (field: where the body holds it): 8..1024 characters, no control
// characters.
void checkNewPassword(const json::object& body, std::string_view field, std::string& password,
                      std::vector<domain::FieldError>& errors) {
    const json::value* value = body.if_contains(field);
    std::vector<std::string> loc{"body", std::string(field)};
    if (!value) {
        errors.push_back({loc, "Field required", "missing"});
        return;
    }
    if (!value->is_string()) {
        errors.push_back({loc, "Input should be a valid string", "string_type"});
        return;
    }
    password = std::string(value->get_string());
    auto length = domain::codePoints(password);
    if (length < domain::kPasswordMin) {
        errors.push_back({loc, "String should have at least 8 characters", "string_too_short"});
    } else if (length > domain::kPasswordMax) {
        errors.push_back({loc, "String should have at most 1024 characters", "string_too_long"});
    }
    refuseControlCharacters(field, password, errors);
}

// An e-mail in a JSON body, as register takes it.
std::optional<std::string> bodyEmail(const json::object& body,
                                     std::vector<domain::FieldError>& errors) {
    const json::value* value = body.if_contains("email");
    std::optional<std::string> email;
    if (!value) {
        errors.push_back({{"body", "email"}, "Field required", "missing"});
    } else if (!value->is_string() || !(email = domain::normalizeEmail(value->get_string()))) {
        errors.push_back({{"body", "email"}, "value is not a valid email address", "value_error"});
    }
    return email;
}

// A role in a JSON body: nothing if absent, 422 if not one of the four.
std::optional<domain::Role> bodyRole(const json::object& body,
                                     std::vector<domain::FieldError>& errors) {
    const json::value* value = body.if_contains("role");
    if (!value) return std::nullopt;
    std::optional<domain::Role> role;
    if (value->is_string()) role = domain::parseRole(value->get_string());
    if (!role) {
        errors.push_back(
            {{"body", "role"}, "Input should be 'admin', 'editor', 'viewer' or 'pending'", "enum"});
    }
    return role;
}

// `active` in a JSON body: nothing if absent, 422 if not a boolean.
std::optional<bool> bodyActive(const json::object& body, std::vector<domain::FieldError>& errors) {
    const json::value* value = body.if_contains("active");
    if (!value) return std::nullopt;
    if (!value->is_bool()) {
        errors.push_back({{"body", "active"}, "Input should be a valid boolean", "bool_type"});
        return std::nullopt;
    }
    return value->get_bool();
}

ApiError tooManyAttempts(std::chrono::seconds wait) {
    return ApiError(ApiResponse::detail(429, "Too many failed sign-in attempts; try again later")
                        .header("Retry-After", std::to_string(wait.count())));
}

}  // namespace

void UsersApi::addRoutes(Router& router) {
    router.add("POST", "/users/register", [this](auto& r) { return registerUser(r); });
    router.add("POST", "/users/login", [this](auto& r) { return login(r); });
    router.add("POST", "/users/logout", [this](auto& r) { return logout(r); });
    router.add("GET", "/users/me", [this](auto& r) { return me(r); });
    router.add("POST", "/users/me/password", [this](auto& r) { return changePassword(r); });
    router.add("GET", "/users", [this](auto& r) { return list(r); });
    router.add("POST", "/users", [this](auto& r) { return create(r); });
    router.add("PATCH", "/users/{id}", [this](auto& r) { return update(r); });
}

// The routes that hash a password run wholly on the hashing pool, in their client's share of
// its backlog.
Awaitable UsersApi::registerUser(const ApiRequest& request) {
    co_return co_await workers_.hashing(request.clientAddress,
                                        [&] { return registerUserNow(request); });
}

Awaitable UsersApi::login(const ApiRequest& request) {
    co_return co_await workers_.hashing(request.clientAddress, [&] { return loginNow(request); });
}

Awaitable UsersApi::changePassword(const ApiRequest& request) {
    co_return co_await workers_.hashing(request.clientAddress,
                                        [&] { return changePasswordNow(request); });
}

Awaitable UsersApi::create(const ApiRequest& request) {
    co_return co_await workers_.hashing(request.clientAddress, [&] { return createNow(request); });
}

ApiResponse UsersApi::registerUserNow(const ApiRequest& request) {
    auto body = parseJsonObject(request.body);
    std::vector<domain::FieldError> errors;
    auto email = bodyEmail(body, errors);
    std::string password;
    checkNewPassword(body, "password", password, errors);
    if (!errors.empty()) throw domain::ValidationError(errors);
    if (!policy_.allows(*email))
        throw ApiError(403, "Registration is not open for this e-mail address");
    if (store_.findUserByEmail(*email)) throw ApiError(409, "Email already registered");
    try {
        auto user = store_.createUser(
            domain::NewUser{*email, hasher_.hash(password), policy_.newAccountRole()},
            std::nullopt);
        return ApiResponse::json(201, domain::toJson(user));
    } catch (const store::Conflict&) {
        throw ApiError(409, "Email already registered");
    }
}

ApiResponse UsersApi::loginNow(const ApiRequest& request) {
    auto credentials = readCredentials(request);
    const std::string& email = credentials.email;
    // Counted as a failure before the hash is checked: concurrent guesses cannot outrun a limit.
    if (auto wait = throttle_.reserve(email, request.clientAddress)) throw tooManyAttempts(*wait);
    auto user = store_.findUserByEmail(email);
    // A local account (the break-glass admin) signs in here, even while the directory is down;
    // every other address is the directory's to check, when there is one.
    if (directory_ && !(user && user->source == domain::UserSource::Local)) {
        return directoryLogin(email, credentials.password, user, request.clientAddress);
    }
    // An unknown e-mail costs the same hash as a wrong password: no way to tell them apart. A
    // deactivated account, or one whose password the directory keeps, fails the same way.
    bool usable = user && user->active && user->source == domain::UserSource::Local;
    bool valid = usable ? hasher_.verify(user->passwordHash, credentials.password)
                        : (hasher_.verifyDummy(credentials.password), false);
    if (!valid) {
        store_.recordAudit(domain::auditEntry(
            "login_failed", {user ? user->id : domain::kNoUser, email}, std::nullopt, {}));
        throw ApiError::unauthorized("Incorrect email or password");
    }
    throttle_.recordSuccess(email, request.clientAddress);
    return ApiResponse::json(200, signIn(*user, "password"));
}

ApiResponse UsersApi::directoryLogin(const std::string& email, const std::string& password,
                                     const std::optional<domain::User>& known,
                                     const std::string& client) {
    using directory::SignInOutcome;
    auto refuse = [&](ApiError error) {
        store_.recordAudit(domain::auditEntry(
            "login_failed", {known ? known->id : domain::kNoUser, email}, std::nullopt, {}));
        throw error;
    };
    auto result = directory_->authenticate(email, password);
    switch (result.outcome) {
        case SignInOutcome::SignedIn:
            break;
        case SignInOutcome::WrongCredentials:
            refuse(ApiError::unauthorized("Incorrect email or password"));
            break;
        case SignInOutcome::NoMappedGroup:
            refuse(ApiError(403, "Your directory account has no Caseboard role"));
            break;
        case SignInOutcome::Unavailable:
            throw ApiError(503, "Directory unavailable");
    }
    domain::User user;
    try {
        user = store_.syncDirectoryUser(email, domain::UserSource::Ldap, *result.person->role);
    } catch (const store::Conflict&) {
        refuse(ApiError(403, "This account signs in another way"));
    }
    // Deactivated by an admin (or by the sync, after leaving): the directory alone does not
    // bring it back.
    if (!user.active) refuse(ApiError::unauthorized("Incorrect email or password"));
    throttle_.recordSuccess(email, client);
    return ApiResponse::json(200, signIn(user, "ldap"));
}

json::object UsersApi::signIn(const domain::User& user, const std::string& method) const {
    const std::int64_t expiresAt = tokens_.expiryOfNew();
    auto session = store_.openSession({user.id, method, expiresAt}, Authenticator::actorOf(user));
    return {{"access_token", tokens_.issue(user.id, user.email, session)},
            {"token_type", "bearer"}};
}

Awaitable UsersApi::logout(const ApiRequest& request) {
    co_return co_await workers_.onStore([&] {
        auto caller = authenticator_.requireCaller(request, Need::SignedIn);
        store_.endSession(caller.claims.sessionId, Authenticator::actorOf(caller.user));
        return ApiResponse::noContent();
    });
}

Awaitable UsersApi::me(const ApiRequest& request) {
    co_return ApiResponse::json(
        200, domain::toJson(co_await authenticator_.user(request, Need::SignedIn)));
}

ApiResponse UsersApi::changePasswordNow(const ApiRequest& request) {
    auto caller = authenticator_.requireCaller(request, Need::SignedIn);
    auto body = parseJsonObject(request.body);
    std::vector<domain::FieldError> errors;
    const json::value* current = body.if_contains("current");
    if (!current) errors.push_back({{"body", "current"}, "Field required", "missing"});
    if (current && !current->is_string()) {
        errors.push_back({{"body", "current"}, "Input should be a valid string", "string_type"});
    }
    std::string chosen;
    checkNewPassword(body, "new", chosen, errors);
    if (!errors.empty()) throw domain::ValidationError(errors);
    auto user = store_.findUserById(caller.user.id);
    if (!user) throw ApiError::unauthorized("Session ended or not valid");
    if (user->source != domain::UserSource::Local) {
        throw ApiError(409, "This account's password is kept by the directory");
    }
    // A stolen session must not be able to guess the password it does not know.
    if (auto wait = throttle_.reserve(user->email, request.clientAddress)) {
        throw tooManyAttempts(*wait);
    }
    if (!hasher_.verify(user->passwordHash, std::string_view(current->get_string()))) {
        throw ApiError(403, "The current password is not correct");
    }
    throttle_.recordSuccess(user->email, request.clientAddress);
    store_.setPassword(user->id, hasher_.hash(chosen), caller.claims.sessionId,
                       Authenticator::actorOf(caller.user));
    return ApiResponse::noContent();
}

Awaitable UsersApi::list(const ApiRequest& request) {
    co_await authenticator_.user(request, Need::Admin);
    auto users = co_await workers_.onStore([&] { return store_.allUsers(); });
    json::array listed;
    for (const auto& user : users) listed.push_back(domain::toJson(user));
    co_return ApiResponse::json(200, listed);
}

ApiResponse UsersApi::createNow(const ApiRequest& request) {
    auto admin = authenticator_.requireUser(request, Need::Admin);
    auto body = parseJsonObject(request.body);
    std::vector<domain::FieldError> errors;
    auto email = bodyEmail(body, errors);
    auto role = bodyRole(body, errors);
    if (!errors.empty()) throw domain::ValidationError(errors);
    if (store_.findUserByEmail(*email)) throw ApiError(409, "Email already registered");
    std::string password = auth::generatePassword();
    try {
        auto user = store_.createUser(
            domain::NewUser{*email, hasher_.hash(password), role.value_or(domain::Role::Editor)},
            Authenticator::actorOf(admin));
        auto answer = domain::toJson(user);
        answer["password"] = password;
        return ApiResponse::json(201, answer);
    } catch (const store::Conflict&) {
        throw ApiError(409, "Email already registered");
    }
}

Awaitable UsersApi::update(const ApiRequest& request) {
    auto admin = co_await authenticator_.user(request, Need::Admin);
    co_return co_await workers_.onStore([&] { return updateNow(request, admin); });
}

ApiResponse UsersApi::updateNow(const ApiRequest& request, const domain::User& admin) {
    auto id = domain::canonicalUuid(request.pathParams.at(0));
    if (!id) throw ApiError::notFound();
    auto body = parseJsonObject(request.body);
    std::vector<domain::FieldError> errors;
    auto role = bodyRole(body, errors);
    auto active = bodyActive(body, errors);
    if (errors.empty() && !role && !active) {
        errors.push_back({{"body", "role"}, "Give a role, active, or both", "missing"});
    }
    if (!errors.empty()) throw domain::ValidationError(errors);
    const auto actor = Authenticator::actorOf(admin);
    std::optional<domain::User> user;
    try {
        if (role) user = store_.setUserRole(*id, *role, actor);
    } catch (const store::Conflict&) {
        throw ApiError(409, "The last admin cannot be demoted");
    }
    try {
        if (active) user = store_.setUserActive(*id, *active, actor);
    } catch (const store::Conflict&) {
        throw ApiError(409, "The last active admin cannot be deactivated");
    }
    return ApiResponse::json(200, domain::toJson(*user));
}

}  // namespace caseboard::api
