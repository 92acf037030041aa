#pragma once

#include <string_view>

#include "domain/QueryParams.hpp"

namespace caseboard::api {

// Decodes "a=1&b=x+y%21" (a URL's query, or an application/x-www-form-urlencoded body):
// %xx escapes and '+' as space. Throws ApiError 400 on a string that is not valid encoding.
domain::QueryParams parseQueryString(std::string_view encoded);

}  // namespace caseboard::api
