#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace caseboard::domain {

// Who may register: everyone (the seed's behaviour), nobody, or only some e-mail domains.
class RegistrationPolicy {
  public:
    // "open", "closed" or "domain:a.org,b.org"; throws std::invalid_argument otherwise.
    static RegistrationPolicy parse(std::string_view text);

    bool allows(std::string_view normalizedEmail) const;

  private:
    enum class Mode { Open, Closed, Domains };
    Mode mode_ = Mode::Open;
    std::vector<std::string> domains_;
};

}  // namespace caseboard::domain
