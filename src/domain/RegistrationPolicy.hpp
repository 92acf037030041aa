#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Role.hpp"

namespace caseboard::domain {

// Who may register: everyone (the seed's behaviour), nobody, only some e-mail domains, or
// everyone as a pending account that an admin must approve.
class RegistrationPolicy {
  public:
    // "open", "closed", "approval" or "domain:a.org,b.org"; throws std::invalid_argument
    // otherwise.
    static RegistrationPolicy parse(std::string_view text);

    bool allows(std::string_view normalizedEmail) const;
    // The role of a registered account: pending under approval; otherwise none (the first
    // account of an empty database is an admin, the seed's rule).
    std::optional<Role> newAccountRole() const;

  private:
    enum class Mode { Open, Closed, Approval, Domains };
    Mode mode_ = Mode::Open;
    std::vector<std::string> domains_;
};

}  // namespace caseboard::domain
