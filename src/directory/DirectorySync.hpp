#pragma once

#include <chrono>

#include "common/PeriodicThread.hpp"
#include "directory/LdapDirectory.hpp"
#include "store/Store.hpp"

namespace caseboard::directory {

// Re-checks every active directory user at an interval, so that a leaver loses access without
// anyone touching Caseboard: gone from the directory, disabled, or in no mapped group any more →
// deactivated (every session ends, sockets close); a changed group → the new role. While the
// directory cannot answer nothing changes. Every instance runs one; doing a change twice is
// harmless.
class DirectorySync {
  public:
    DirectorySync(store::Store& store, const LdapDirectory& directory,
                  std::chrono::seconds interval);

    // One pass over the directory users, now (the thread's work; tests call it too).
    void checkEveryone();

  private:
    void check(const domain::User& user);

    store::Store& store_;
    const LdapDirectory& directory_;
    common::PeriodicThread thread_;  // last: it stops before what it uses goes
};

}  // namespace caseboard::directory
