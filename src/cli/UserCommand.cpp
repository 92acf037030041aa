#include "cli/UserCommand.hpp"

#include <pwd.h>
#include <unistd.h>

#include <iomanip>
#include <iostream>

#include "auth/GeneratedPassword.hpp"
#include "auth/PasswordHasher.hpp"
#include "domain/Credentials.hpp"
#include "domain/Text.hpp"
#include "store/StoreErrors.hpp"

namespace caseboard::cli {

namespace {

using Action = config::Command::UserAction;

// The audit trail names the operating-system account that ran the command.
domain::Actor commandLineActor() {
    const passwd* account = ::getpwuid(::geteuid());
    std::string who = account ? account->pw_name : std::to_string(::geteuid());
    return {domain::kNoUser, "command line (" + who + ")"};
}

struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string validEmail(const std::string& given) {
    auto email = domain::normalizeEmail(given);
    if (!email) throw Failure("not a valid e-mail address: " + given);
    return *email;
}

// The password: the first line of a pipe or file, or else one made here (printed once).
std::string passwordFrom(std::istream& in, bool inIsTerminal, bool& generated) {
    std::string line;
    if (!inIsTerminal) std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    generated = line.empty();
    if (generated) return auth::generatePassword();
    auto length = domain::codePoints(line);
    if (length < domain::kPasswordMin || length > domain::kPasswordMax) {
        throw Failure("the password must have 8 to 1024 characters");
    }
    if (domain::hasForbiddenControl(line)) {
        throw Failure("the password must not contain control characters");
    }
    return line;
}

int add(const config::Command& command, store::Store& store, std::istream& in, bool inIsTerminal,
        std::ostream& out) {
    auto email = validEmail(command.userEmail);
    auto role = domain::parseRole(command.userRole).value_or(domain::Role::Editor);
    if (store.findUserByEmail(email)) throw Failure("an account with that e-mail exists: " + email);
    bool generated = false;
    auto password = passwordFrom(in, inIsTerminal, generated);
    auto user = store.createUser(
        domain::NewUser{email, auth::PasswordHasher().hash(password), role}, commandLineActor());
    out << "created " << domain::roleName(user.role) << " " << user.email << " (" << user.id
        << ")\n";
    if (generated) out << "password (shown once): " << password << "\n";
    return 0;
}

int disable(const config::Command& command, store::Store& store, std::ostream& out) {
    auto email = validEmail(command.userEmail);
    auto user = store.findUserByEmail(email);
    if (!user) throw Failure("no account with that e-mail: " + email);
    try {
        store.setUserActive(user->id, false, commandLineActor());
    } catch (const store::Conflict&) {
        throw Failure("the last active admin cannot be deactivated");
    }
    out << "deactivated " << email << "; every session of the account has ended\n";
    return 0;
}

int list(store::Store& store, std::ostream& out) {
    out << std::left << std::setw(40) << "email" << std::setw(9) << "role" << std::setw(8)
        << "active" << std::setw(7) << "source"
        << "created\n";
    for (const auto& user : store.allUsers()) {
        out << std::setw(40) << user.email << std::setw(9) << domain::roleName(user.role)
            << std::setw(8) << (user.active ? "yes" : "no") << std::setw(7)
            << domain::sourceName(user.source) << user.createdAt << "\n";
    }
    return 0;
}

}  // namespace

int runUserCommand(const config::Command& command, store::Store& store, std::istream& in,
                   bool inIsTerminal, std::ostream& out, std::ostream& err) {
    try {
        switch (command.userAction) {
            case Action::Add:
                return add(command, store, in, inIsTerminal, out);
            case Action::Disable:
                return disable(command, store, out);
            case Action::List:
                return list(store, out);
        }
    } catch (const std::exception& e) {
        err << "caseboard: user: " << e.what() << std::endl;
    }
    return 1;
}

}  // namespace caseboard::cli
