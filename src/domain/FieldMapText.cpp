#include "domain/FieldMapText.hpp"

#include <boost/json.hpp>

namespace caseboard::domain {

namespace json = boost::json;

std::string fieldMapText(const FieldMap& map) {
    json::object o;
    o.reserve(map.size());
    for (const auto& [key, value] : map) o.emplace(key, value);
    return json::serialize(o);
}

FieldMap fieldMapFromText(std::string_view text) {
    json::error_code ec;
    auto value = json::parse(text, ec);
    FieldMap map;
    if (ec || !value.is_object()) return map;
    for (const auto& [key, item] : value.get_object()) {
        if (item.is_string()) map.emplace(std::string(key), std::string(item.get_string()));
    }
    return map;
}

}  // namespace caseboard::domain
