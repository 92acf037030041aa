#pragma once

#include <optional>
#include <string>

#include "domain/Case.hpp"

namespace caseboard::storetest {

// A case to create: a name, a section and maybe a surgery date, the rest left empty.
inline domain::CaseDraft draft(std::string name, std::string section = "new_referral",
                               std::optional<std::string> date = std::nullopt) {
    domain::CaseDraft d;
    d.name = std::move(name);
    d.section = std::move(section);
    d.surgeryDate = std::move(date);
    return d;
}

}  // namespace caseboard::storetest
