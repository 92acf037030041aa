#pragma once

#include "store/postgres/PgConnection.hpp"

namespace caseboard::store::postgres {

// Brings the schema up to date (numbered migrations, recorded in schema_version) and returns
// its version. Instances that start together take turns: an advisory lock serialises them.
int migrate(PgConnection& connection);

}  // namespace caseboard::store::postgres
