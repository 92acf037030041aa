#pragma once

#include <boost/json/object.hpp>

#include <string_view>

namespace caseboard::api {

// The request body as a JSON object, or ApiError 400 "Malformed JSON: <reason>".
boost::json::object parseJsonObject(std::string_view body);

}  // namespace caseboard::api
