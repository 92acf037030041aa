#include "api/Router.hpp"

#include "domain/Uuid.hpp"

namespace caseboard::api {

namespace {

std::string_view withoutTrailingSlash(std::string_view path) {
    if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    return path;
}

std::string_view nextSegment(std::string_view& rest) {
    auto slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    return segment;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
    routes_.push_back({std::move(method), std::move(pattern), std::move(handler)});
}

bool Router::matches(std::string_view pattern, std::string_view path,
                     std::vector<std::string>& params) {
    params.clear();
    if (pattern.empty() || path.empty() || pattern[0] != '/' || path[0] != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    while (!pattern.empty() || !path.empty()) {
        if (pattern.empty() || path.empty()) return false;
        auto expected = nextSegment(pattern);
        auto actual = nextSegment(path);
        if (expected.starts_with('{')) {
            // Every parameter is an id: a segment that is no UUID names nothing (404, not 405).
            if (!domain::canonicalUuid(actual)) return false;
            params.emplace_back(actual);
        } else if (expected != actual) {
            return false;
        }
    }
    return true;
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
    Match result;
    path = withoutTrailingSlash(path);
    std::vector<std::string> params;
    // Literal routes win over {param} routes: /cases/reorder is not the case "reorder".
    for (bool literalPass : {true, false}) {
        for (const auto& route : routes_) {
            bool literal = route.pattern.find('{') == std::string::npos;
            if (literal != literalPass || !matches(route.pattern, path, params)) continue;
            if (route.method == method) {
                result.route = &route;
                result.params = params;
                return result;
            }
            result.allowed.push_back(route.method);
        }
        if (!result.allowed.empty()) return result;
    }
    return result;
}

}  // namespace caseboard::api
