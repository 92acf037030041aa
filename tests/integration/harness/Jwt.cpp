#include "harness/Jwt.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>
#include <vector>

namespace caseboard::it {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::vector<std::string> split(const std::string& token) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto dot = token.find('.', start);
        parts.push_back(
            token.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos) {
            break;
        }
        start = dot + 1;
    }
    return parts;
}

boost::json::object decodePart(const std::string& part) {
    boost::system::error_code ec;
    auto value = boost::json::parse(Jwt::base64UrlDecode(part), ec);
    if (ec || !value.is_object()) {
        return {};
    }
    return value.as_object();
}

}  // namespace

std::string Jwt::base64UrlEncode(const std::string& bytes) {
    std::string out;
    unsigned int buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(kAlphabet[(buffer >> bits) & 0x3F]);
        }
    }
    if (bits > 0) {
        out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3F]);
    }
    return out;
}

std::string Jwt::base64UrlDecode(const std::string& text) {
    std::string out;
    unsigned int buffer = 0;
    int bits = 0;
    for (char c : text) {
        const char* position = std::char_traits<char>::find(kAlphabet, 64, c);
        if (position == nullptr) {
            if (c == '=') {
                break;
            }
            return {};
        }
        buffer = (buffer << 6) | static_cast<unsigned int>(position - kAlphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    return out;
}

boost::json::object Jwt::header(const std::string& token) {
    const auto parts = split(token);
    return parts.size() == 3 ? decodePart(parts[0]) : boost::json::object{};
}

boost::json::object Jwt::payload(const std::string& token) {
    const auto parts = split(token);
    return parts.size() == 3 ? decodePart(parts[1]) : boost::json::object{};
}

std::string Jwt::sign(const boost::json::object& header, const boost::json::object& payload,
                      const std::string& key) {
    const std::string input = base64UrlEncode(boost::json::serialize(header)) + "." +
                              base64UrlEncode(boost::json::serialize(payload));
    const auto* alg = header.if_contains("alg");
    const EVP_MD* md = nullptr;
    if (alg != nullptr && alg->is_string() && alg->as_string() == "HS256") {
        md = EVP_sha256();
    } else if (alg != nullptr && alg->is_string() && alg->as_string() == "HS512") {
        md = EVP_sha512();
    }
    if (md == nullptr) {
        return input + ".";
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (HMAC(md, key.data(), static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac,
             &length) == nullptr) {
        throw std::runtime_error("HMAC failed");
    }
    return input + "." + base64UrlEncode(std::string(reinterpret_cast<const char*>(mac), length));
}

std::string Jwt::tamperSignature(const std::string& token) {
    std::string copy = token;
    const auto dot = copy.rfind('.');
    if (dot == std::string::npos || dot + 1 >= copy.size()) {
        return copy + "x";
    }
    // Change a character in the middle of the signature (the last one may only carry padding bits).
    const std::size_t index = dot + 1 + (copy.size() - dot - 1) / 2;
    copy[index] = copy[index] == 'A' ? 'B' : 'A';
    return copy;
}

std::string Jwt::replacePayload(const std::string& token, const boost::json::object& payload) {
    const auto parts = split(token);
    if (parts.size() != 3) {
        return token;
    }
    return parts[0] + "." + base64UrlEncode(boost::json::serialize(payload)) + "." + parts[2];
}

}  // namespace caseboard::it
