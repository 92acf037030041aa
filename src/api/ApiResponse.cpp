#include "api/ApiResponse.hpp"

#include <boost/json.hpp>

namespace caseboard::api {

ApiResponse ApiResponse::json(unsigned status, const boost::json::value& body) {
    ApiResponse response;
    response.status = status;
    response.body = boost::json::serialize(body);
    return response;
}

ApiResponse ApiResponse::noContent() {
    ApiResponse response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

ApiResponse ApiResponse::detail(unsigned status, std::string_view detail) {
    return json(status, boost::json::object{{"detail", detail}});
}

}  // namespace caseboard::api
