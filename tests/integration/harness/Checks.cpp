#include "harness/Checks.hpp"

#include <iomanip>
#include <random>
#include <regex>
#include <sstream>

namespace caseboard::it {

namespace {

std::mt19937_64& generator() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return engine;
}

std::string randomHex(std::size_t digits) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::uniform_int_distribution<int> nibble(0, 15);
    std::string out;
    for (std::size_t i = 0; i < digits; ++i) {
        out.push_back(kHex[nibble(generator())]);
    }
    return out;
}

}  // namespace

bool isUuidV4(const std::string& text) {
    static const std::regex pattern(
        "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", std::regex::icase);
    return std::regex_match(text, pattern);
}

bool isRfc3339Utc(const std::string& text) {
    static const std::regex pattern(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$)");
    return std::regex_match(text, pattern);
}

std::string uniqueSuffix() {
    return randomHex(12);
}

std::string uniqueEmail(const std::string& prefix) {
    return prefix + "-" + uniqueSuffix() + "@example.com";
}

std::string uniqueSection(const std::string& prefix) {
    return prefix + "_" + uniqueSuffix();
}

std::string randomUuidV4() {
    std::string hex = randomHex(32);
    hex[12] = '4';
    hex[16] = "89ab"[std::uniform_int_distribution<int>(0, 3)(generator())];
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::vector<std::string> errorLocations(const boost::json::value& body) {
    std::vector<std::string> result;
    if (!body.is_object()) {
        return result;
    }
    const auto* detail = body.as_object().if_contains("detail");
    if (detail == nullptr || !detail->is_array()) {
        return result;
    }
    for (const auto& entry : detail->as_array()) {
        if (!entry.is_object()) {
            continue;
        }
        const auto* loc = entry.as_object().if_contains("loc");
        if (loc == nullptr || !loc->is_array()) {
            continue;
        }
        std::string path;
        for (const auto& part : loc->as_array()) {
            if (!path.empty()) {
                path += ".";
            }
            if (part.is_string()) {
                path += std::string(part.as_string());
            } else {
                path += boost::json::serialize(part);
            }
        }
        result.push_back(path);
    }
    return result;
}

bool hasDetail(const HttpResponse& response) {
    const auto body = response.json();
    return body.is_object() && body.as_object().contains("detail");
}

std::string describe(const HttpResponse& response) {
    std::ostringstream out;
    out << "HTTP " << response.status;
    if (!response.error.empty()) {
        out << " (transport error: " << response.error << ")";
    }
    out << "\n";
    for (const auto& [name, value] : response.headers) {
        out << name << ": " << value << "\n";
    }
    out << "\n" << response.body.substr(0, 2000);
    return out.str();
}

std::string str(const boost::json::value& value, const char* key) {
    if (!value.is_object()) {
        return "";
    }
    const auto* member = value.as_object().if_contains(key);
    if (member == nullptr || !member->is_string()) {
        return "";
    }
    return std::string(member->as_string());
}

}  // namespace caseboard::it
