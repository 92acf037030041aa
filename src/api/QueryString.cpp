#include "api/QueryString.hpp"

#include <boost/url.hpp>

#include "api/ApiError.hpp"

namespace caseboard::api {

domain::QueryParams parseQueryString(std::string_view encoded) {
    boost::urls::encoding_opts options;
    options.space_as_plus = true;
    std::vector<std::pair<std::string, std::string>> pairs;
    try {
        for (auto param : boost::urls::params_view(encoded, options)) {
            pairs.emplace_back(param.key, param.has_value ? param.value : std::string());
        }
    } catch (const boost::system::system_error&) {
        throw ApiError(400, "Malformed query string");
    }
    return domain::QueryParams(std::move(pairs));
}

}  // namespace caseboard::api
