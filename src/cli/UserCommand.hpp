#pragma once

#include <iosfwd>

#include "config/CommandLine.hpp"
#include "store/Store.hpp"

namespace caseboard::cli {

// `caseboard user add|disable|list` on an open store. `add` reads the password from `in` when
// it is not a terminal (one line), or makes one and prints it once. Recorded in the audit trail
// as done by the command line. Returns the exit code: 0, or 1 with one line on `err`.
int runUserCommand(const config::Command& command, store::Store& store, std::istream& in,
                   bool inIsTerminal, std::ostream& out, std::ostream& err);

}  // namespace caseboard::cli
