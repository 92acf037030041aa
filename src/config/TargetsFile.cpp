#include "config/TargetsFile.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace caseboard::config {

namespace {

// Far more than any hospital's rules take: a larger file is not a targets file.
constexpr std::size_t kMaxBytes = 1 << 20;

std::string readAll(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::invalid_argument("cannot read the file");
    std::string text;
    std::istreambuf_iterator<char> it(file);
    for (const std::istreambuf_iterator<char> end; it != end; ++it) {
        if (text.size() == kMaxBytes) throw std::invalid_argument("larger than 1 MiB");
        text.push_back(*it);
    }
    return text;
}

}  // namespace

std::optional<domain::Targets> targetsFile(const std::string& path) {
    if (path.empty()) return std::nullopt;
    try {
        boost::json::error_code ec;
        auto json = boost::json::parse(readAll(path), ec);
        if (ec) throw std::invalid_argument("not JSON: " + ec.message());
        return domain::Targets::fromJson(json);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("--targets " + path + ": " + e.what());
    }
}

}  // namespace caseboard::config
