#pragma once

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "api/ApiRequest.hpp"
#include "api/ApiResponse.hpp"

namespace caseboard::api {

// Every route's handler: a coroutine that starts on its connection's event loop and returns the
// response. It never blocks that loop: what waits (the store, hashing) it awaits on a worker
// (work::Workers), and what it can answer from memory it answers at once. Whatever it throws is
// answered by ErrorMapping.
using Awaitable = boost::asio::awaitable<ApiResponse>;
using Handler = std::function<Awaitable(const ApiRequest&)>;

struct Route {
    std::string method;
    std::string pattern;  // "/cases/{id}": a {…} segment matches one UUID
    Handler handler;
};

// Method + path → route. Paths match with or without a trailing slash.
class Router {
  public:
    void add(std::string method, std::string pattern, Handler handler);

    struct Match {
        const Route* route = nullptr;      // null: no route for this method
        std::vector<std::string> params;   // the {…} segments
        std::vector<std::string> allowed;  // methods the path has (405 when not empty)
    };
    Match match(std::string_view method, std::string_view path) const;

    const std::vector<Route>& routes() const { return routes_; }

  private:
    static bool matches(std::string_view pattern, std::string_view path,
                        std::vector<std::string>& params);

    std::vector<Route> routes_;
};

}  // namespace caseboard::api
