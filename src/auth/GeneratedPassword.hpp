#pragma once

#include <string>

namespace caseboard::auth {

// A password made for someone (an admin's new colleague, the command line's first admin): 18
// random bytes as 24 characters of base64url, shown once and never kept in clear.
std::string generatePassword();

}  // namespace caseboard::auth
