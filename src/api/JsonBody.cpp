#include "api/JsonBody.hpp"

#include <boost/json.hpp>

#include "api/ApiError.hpp"

namespace caseboard::api {

boost::json::object parseJsonObject(std::string_view body) {
    boost::system::error_code ec;
    boost::json::parse_options options;
    options.max_depth = 16;
    boost::json::value value = boost::json::parse(body, ec, {}, options);
    if (ec) throw ApiError(400, "Malformed JSON: " + ec.message());
    if (!value.is_object()) throw ApiError(400, "Malformed JSON: the body must be a JSON object");
    return std::move(value.get_object());
}

}  // namespace caseboard::api
