#include "domain/CancellationsJson.hpp"

#include <boost/json.hpp>

namespace caseboard::domain {

namespace json = boost::json;

json::value cancellationsJson(const Cancellations& list, const json::storage_ptr& storage) {
    json::array array(storage);
    array.reserve(list.size());
    for (const Cancellation& entry : list) {
        json::object o(storage);
        o.reserve(4);
        o.emplace("at", json::string_view(entry.at));
        o.emplace("reason", json::string_view(entry.reason));
        o.emplace("note", json::string_view(entry.note));
        o.emplace("by", json::string_view(entry.by));
        array.push_back(std::move(o));
    }
    return array;
}

Cancellations cancellationsFromJson(const json::value& value) {
    Cancellations list;
    for (const json::value& item : value.as_array()) {
        const json::object& o = item.as_object();
        list.push_back(
            {std::string(o.at("at").as_string()), std::string(o.at("reason").as_string()),
             std::string(o.at("note").as_string()), std::string(o.at("by").as_string())});
    }
    return list;
}

std::string cancellationsText(const Cancellations& list) {
    return json::serialize(cancellationsJson(list));
}

Cancellations cancellationsFromText(std::string_view text) {
    json::error_code ec;
    auto value = json::parse(text, ec);
    if (ec) return {};
    try {
        return cancellationsFromJson(value);
    } catch (const std::exception&) {
        return {};
    }
}

}  // namespace caseboard::domain
