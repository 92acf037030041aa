#pragma once

#include <string>
#include <unordered_map>

#include "api/Router.hpp"

namespace caseboard::api {

// The board UI and the OpenAPI document, served from the bytes compiled into the binary. Only
// files in that fixed table exist, so no path (../ or encoded) can reach the file system.
class StaticFiles {
  public:
    StaticFiles();

    // The file's response, or nothing if no such file is embedded.
    std::optional<ApiResponse> serve(const ApiRequest& request) const;

  private:
    struct Asset {
        std::string_view bytes;
        std::string contentType;
        std::string etag;
    };
    std::unordered_map<std::string, Asset> files_;
};

}  // namespace caseboard::api
