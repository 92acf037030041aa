#pragma once

#include <optional>
#include <string_view>

namespace caseboard::domain {

// What a signed-in user may do: admins also manage users and see the audit trail; viewers
// only look.
enum class Role { Admin, Editor, Viewer };

const char* roleName(Role role);
std::optional<Role> parseRole(std::string_view text);
inline bool mayEdit(Role role) {
    return role != Role::Viewer;
}

}  // namespace caseboard::domain
