#pragma once

#include "domain/Role.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace caseboard::oidc {

// Turns the role claim of an ID token (a string or an array of strings, e.g. group ids) into
// a Caseboard role: admin if any admin value is present, else editor, else viewer.
class RoleMapping {
  public:
    RoleMapping(std::string claim, std::vector<std::pair<domain::Role, std::string>> values);

    const std::string& claim() const { return claim_; }
    // Empty when the claim is absent or holds no mapped value.
    std::optional<domain::Role> roleOf(const boost::json::object& claims) const;

  private:
    bool claimHolds(const boost::json::value& claim, const std::string& value) const;

    std::string claim_;
    std::vector<std::pair<domain::Role, std::string>> values_;
};

}  // namespace caseboard::oidc
