#include "api/QueryString.hpp"

#include <boost/url.hpp>

#include "api/ApiError.hpp"

namespace caseboard::api {

domain::QueryParams parseQueryString(std::string_view encoded) {
    // Boost 1.81's parse_query measures its input with strlen (it rebuilds the view from
    // data() alone), so it is given a NUL-terminated copy rather than a view into the request.
    const std::string terminated(encoded);
    auto parsed = boost::urls::parse_query(terminated);
    if (!parsed) throw ApiError(400, "Malformed query string");
    boost::urls::encoding_opts plusIsSpace;
    plusIsSpace.space_as_plus = true;
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& param : *parsed) {
        pairs.emplace_back(param.key.decode(plusIsSpace),
                           param.has_value ? param.value.decode(plusIsSpace) : std::string());
    }
    return domain::QueryParams(std::move(pairs));
}

}  // namespace caseboard::api
