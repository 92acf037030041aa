#pragma once

#include <string_view>
#include <vector>

namespace caseboard::embedded {

// A file compiled into the binary (see cmake/EmbedFiles.cmake): its URL path and bytes.
struct File {
    std::string_view path;
    std::string_view bytes;
};

const std::vector<File>& all();

}  // namespace caseboard::embedded
