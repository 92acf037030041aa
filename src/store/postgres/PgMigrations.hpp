#pragma once

#include <limits>

#include "store/postgres/PgConnection.hpp"

namespace caseboard::store::postgres {

// Brings the schema up to date (numbered migrations, recorded in schema_version) and returns
// its version. Instances that start together take turns: an advisory lock serialises them.
// upTo: the newest version to reach (a test builds an older schema with it).
int migrate(PgConnection& connection, int upTo = std::numeric_limits<int>::max());

}  // namespace caseboard::store::postgres
