#include "oidc/RoleMapping.hpp"

#include <algorithm>
#include <array>

namespace caseboard::oidc {

namespace json = boost::json;

RoleMapping::RoleMapping(std::string claim,
                         std::vector<std::pair<domain::Role, std::string>> values)
    : claim_(std::move(claim)), values_(std::move(values)) {}

std::optional<domain::Role> RoleMapping::roleOf(const json::object& claims) const {
    const json::value* claim = claims.if_contains(claim_);
    if (claim == nullptr) return std::nullopt;
    constexpr std::array precedence{domain::Role::Admin, domain::Role::Editor,
                                    domain::Role::Viewer};
    for (const domain::Role role : precedence) {
        for (const auto& [mapped, value] : values_) {
            if (mapped == role && claimHolds(*claim, value)) return role;
        }
    }
    return std::nullopt;
}

bool RoleMapping::claimHolds(const json::value& claim, const std::string& value) const {
    if (claim.is_string()) return claim.get_string() == value;
    if (!claim.is_array()) return false;
    const json::array& entries = claim.get_array();
    return std::any_of(entries.begin(), entries.end(), [&](const json::value& entry) {
        return entry.is_string() && entry.get_string() == value;
    });
}

}  // namespace caseboard::oidc
