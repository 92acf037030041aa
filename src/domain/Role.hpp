#pragma once

#include <optional>
#include <string_view>

namespace caseboard::domain {

// What a signed-in user may do: admins also manage users and see the audit trail; viewers
// only look; a pending account (registered under the approval policy) sees nothing until an
// admin gives it one of the others.
enum class Role { Admin, Editor, Viewer, Pending };

const char* roleName(Role role);
std::optional<Role> parseRole(std::string_view text);
inline bool mayEdit(Role role) {
    return role == Role::Admin || role == Role::Editor;
}
inline bool mayRead(Role role) {
    return role != Role::Pending;
}

}  // namespace caseboard::domain
