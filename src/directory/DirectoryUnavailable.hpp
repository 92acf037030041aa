#pragma once

#include <stdexcept>

namespace caseboard::directory {

// The directory gave no usable answer; what() names the step and libldap's reason, never a
// password. Caught inside LdapDirectory: it never reaches the callers.
class DirectoryUnavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace caseboard::directory
