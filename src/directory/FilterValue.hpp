#pragma once

#include <string>
#include <string_view>

namespace caseboard::directory {

// `value` as an RFC 4515 assertion value: the characters that structure a filter (\ * ( ) and
// NUL) become \XX, so that user input can only ever be compared, never change the filter.
std::string escapeFilterValue(std::string_view value);

// `filterTemplate` with every "{email}" replaced by the escaped address.
std::string userFilter(std::string_view filterTemplate, std::string_view email);

}  // namespace caseboard::directory
