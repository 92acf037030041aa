#pragma once

#include <optional>
#include <string>

#include "domain/Targets.hpp"

namespace caseboard::config {

// The targets of a --targets file (the JSON GET /targets serves): nothing for no file. Throws
// std::invalid_argument naming the file and what is wrong with it.
std::optional<domain::Targets> targetsFile(const std::string& path);

}  // namespace caseboard::config
