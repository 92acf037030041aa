#pragma once

#include "store/sqlite/SqliteConnection.hpp"

namespace caseboard::store::sqlite {

// Brings the schema up to the newest numbered migration, each in its own transaction, and
// records the number reached in schema_version. Returns that number.
int migrate(Connection& connection);

}  // namespace caseboard::store::sqlite
