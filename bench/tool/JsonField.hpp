// Cheap extraction of a string field from a flat JSON text (no full parse on the hot path:
// the fan-out client reads hundreds of thousands of events per second).
#pragma once

#include <string_view>

namespace bench {

// The value of the first `"key": "value"` in `json`, or an empty view. Escapes are not decoded;
// the fields read here (ids, bench-made names) never contain any.
inline std::string_view stringField(std::string_view json, std::string_view key) {
    std::size_t pos = 0;
    while (true) {
        pos = json.find(key, pos);
        if (pos == std::string_view::npos) return {};
        std::size_t end = pos + key.size();
        bool quoted = pos > 0 && json[pos - 1] == '"' && end < json.size() && json[end] == '"';
        pos = end;
        if (!quoted) continue;
        std::size_t i = end + 1;
        while (i < json.size() && (json[i] == ' ' || json[i] == '\t')) ++i;
        if (i >= json.size() || json[i] != ':') continue;
        ++i;
        while (i < json.size() && (json[i] == ' ' || json[i] == '\t')) ++i;
        if (i >= json.size() || json[i] != '"') continue;
        std::size_t close = json.find('"', i + 1);
        if (close == std::string_view::npos) return {};
        return json.substr(i + 1, close - i - 1);
    }
}

}  // namespace bench
