#include "api/StaticFiles.hpp"

#include <sodium.h>

#include "api/EmbeddedFiles.hpp"

namespace caseboard::api {

namespace {

std::string contentTypeOf(std::string_view path) {
    static const std::pair<std::string_view, std::string_view> types[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
    };
    for (const auto& [extension, type] : types) {
        if (path.ends_with(extension)) return std::string(type);
    }
    return "application/octet-stream";
}

std::string etagOf(std::string_view bytes) {
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(bytes.data()),
                       bytes.size(), nullptr, 0);
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return "\"" + std::string(hex) + "\"";
}

}  // namespace

StaticFiles::StaticFiles() {
    for (const auto& file : embedded::all()) {
        files_.emplace(std::string(file.path),
                       Asset{file.bytes, contentTypeOf(file.path), etagOf(file.bytes)});
    }
}

std::optional<ApiResponse> StaticFiles::serve(const ApiRequest& request) const {
    std::string path = request.path == "/" ? "/index.html" : request.path;
    auto it = files_.find(path);
    if (it == files_.end()) return std::nullopt;
    const Asset& asset = it->second;
    ApiResponse response;
    // Assets have no build step and so no content hash in their names: revalidate every time,
    // which costs one 304 per file.
    response.cacheControl = "no-cache";
    response.contentType = asset.contentType;
    response.header("ETag", asset.etag);
    if (request.ifNoneMatch == asset.etag) {
        response.status = 304;
        return response;
    }
    response.body = std::string(asset.bytes);
    return response;
}

}  // namespace caseboard::api
