#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/ApiRequest.hpp"
#include "api/ApiResponse.hpp"

namespace caseboard::api {

// Where a handler may run. I/O threads only parse, route and write, so anything that waits on the
// database runs on the store pool, and password hashing on its own small pool so that a flood of
// sign-ins cannot starve everything else.
enum class Lane { Inline, Store, Hash };

using Handler = std::function<ApiResponse(const ApiRequest&)>;
// Answers on the I/O thread when it can without waiting (from memory); nothing means "run the
// handler on its lane".
using InlineHandler = std::function<std::optional<ApiResponse>(const ApiRequest&)>;

// Answers later: the handler passes `reply` on to a write that completes without blocking, and
// returns. Reply is called once, from whichever thread finished the work, with what makes the
// response: that is run on the I/O thread that sends it, so the thread that finished (the
// store's one writer) only hands the result over.
using Answer = std::function<ApiResponse()>;
using Reply = std::function<void(Answer)>;
using ThenHandler = std::function<void(const ApiRequest&, Reply)>;
// Starts the answer on the I/O thread when it can without waiting, and then returns true; false
// (having called nothing) means "run the handler on its lane".
using InlineThenHandler = std::function<bool(const ApiRequest&, Reply)>;

struct Route {
    std::string method;
    std::string pattern;  // "/cases/{id}": a {…} segment matches one UUID
    Lane lane = Lane::Store;
    Handler handler{};  // empty when handlerThen answers instead
    InlineHandler inlineFirst{};
    ThenHandler handlerThen{};
    InlineThenHandler inlineFirstThen{};
};

// Method + path → route. Paths match with or without a trailing slash.
class Router {
  public:
    void add(std::string method, std::string pattern, Lane lane, Handler handler,
             InlineHandler inlineFirst = {});
    void addThen(std::string method, std::string pattern, Lane lane, ThenHandler handler,
                 InlineThenHandler inlineFirst = {});

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
