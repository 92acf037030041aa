#include "domain/RegistrationPolicy.hpp"

#include <stdexcept>

#include "domain/Text.hpp"

namespace caseboard::domain {

RegistrationPolicy RegistrationPolicy::parse(std::string_view text) {
    RegistrationPolicy policy;
    if (text == "open") return policy;
    if (text == "closed") {
        policy.mode_ = Mode::Closed;
        return policy;
    }
    if (text == "approval") {
        policy.mode_ = Mode::Approval;
        return policy;
    }
    constexpr std::string_view prefix = "domain:";
    if (text.starts_with(prefix)) {
        policy.mode_ = Mode::Domains;
        std::string_view rest = text.substr(prefix.size());
        while (!rest.empty()) {
            auto comma = rest.find(',');
            std::string domain = lowerAscii(trimmed(rest.substr(0, comma)));
            if (!domain.empty()) policy.domains_.push_back(domain);
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        }
        if (!policy.domains_.empty()) return policy;
    }
    throw std::invalid_argument("registration must be open, closed, approval or domain:<d1>,<d2>");
}

bool RegistrationPolicy::allows(std::string_view email) const {
    switch (mode_) {
        case Mode::Open:
        case Mode::Approval:
            return true;
        case Mode::Closed:
            return false;
        case Mode::Domains: {
            auto at = email.rfind('@');
            if (at == std::string_view::npos) return false;
            std::string_view domain = email.substr(at + 1);
            for (const auto& allowed : domains_) {
                if (domain == allowed) return true;
            }
            return false;
        }
    }
    return false;
}

std::optional<Role> RegistrationPolicy::newAccountRole() const {
    if (mode_ == Mode::Approval) return Role::Pending;
    return std::nullopt;
}

}  // namespace caseboard::domain
