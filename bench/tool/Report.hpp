// The tool's output: one "key=value" line per figure on stdout (read by bench/run.sh);
// diagnostics go to stderr.
#pragma once

#include <iostream>
#include <string_view>

namespace bench {

template <typename T>
void report(std::string_view key, const T& value) {
    std::cout << key << '=' << value << '\n';
}

}  // namespace bench
