#include "tool/Args.hpp"

#include <stdexcept>

namespace bench {

Args::Args(int argc, char** argv, int first) {
    for (int i = first; i < argc; i += 2) {
        std::string key = argv[i];
        if (key.rfind("--", 0) != 0 || i + 1 >= argc) {
            throw std::invalid_argument("expected --key value, got '" + key + "'");
        }
        values_[key.substr(2)] = argv[i + 1];
    }
}

std::string Args::text(const std::string& key, const std::string& fallback) const {
    auto it = values_.find(key);
    return it == values_.end() ? fallback : it->second;
}

std::string Args::required(const std::string& key) const {
    auto it = values_.find(key);
    if (it == values_.end()) throw std::invalid_argument("missing --" + key);
    return it->second;
}

long Args::integer(const std::string& key, long fallback) const {
    auto it = values_.find(key);
    return it == values_.end() ? fallback : std::stol(it->second);
}

double Args::real(const std::string& key, double fallback) const {
    auto it = values_.find(key);
    return it == values_.end() ? fallback : std::stod(it->second);
}

}  // namespace bench
