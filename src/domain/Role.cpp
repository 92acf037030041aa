#include "domain/Role.hpp"

namespace caseboard::domain {

const char* roleName(Role role) {
    switch (role) {
        case Role::Admin:
            return "admin";
        case Role::Editor:
            return "editor";
        case Role::Viewer:
            return "viewer";
        case Role::Pending:
            return "pending";
    }
    return "pending";
}

std::optional<Role> parseRole(std::string_view text) {
    if (text == "admin") return Role::Admin;
    if (text == "editor") return Role::Editor;
    if (text == "viewer") return Role::Viewer;
    if (text == "pending") return Role::Pending;
    return std::nullopt;
}

}  // namespace caseboard::domain
