#pragma once

#include "store/sqlite/SqliteConnection.hpp"

namespace caseboard::store::sqlite {

// Brings the schema up to the newest numbered migration, each in its own transaction, and
// records the number reached in schema_version. Returns that number.
// upTo: stop at that number (tests build an older schema with it).
int migrate(Connection& connection, int upTo = 1'000'000);

}  // namespace caseboard::store::sqlite
