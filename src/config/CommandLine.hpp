#pragma once

#include <optional>
#include <string>

#include "config/Settings.hpp"

namespace caseboard::config {

// What the command line asked for.
struct Command {
    enum class Kind { Serve, MigrateData, UserAdmin, Exit };
    Kind kind = Kind::Serve;
    Settings settings;
    // For MigrateData: copy users and cases from `migrateFrom` (a SQLite path or URL) into
    // `migrateTo` (a postgresql:// URL).
    std::string migrateFrom;
    std::string migrateTo;
    // For UserAdmin: `user add EMAIL [--role R]`, `user disable EMAIL`, `user list`.
    enum class UserAction { Add, Disable, List };
    UserAction userAction = UserAction::List;
    std::string userEmail;
    std::string userRole = "editor";
    int exitCode = 0;  // for Exit: 0 after --help/--version, 2 after a usage error
};

// Parses argv (flags, then CASEBOARD_* variables, then defaults). Prints help or one clear
// error line itself.
Command parseCommandLine(int argc, char** argv);

}  // namespace caseboard::config
