#pragma once

#include <ostream>

#include "store/Store.hpp"
#include "store/postgres/PostgresStore.hpp"

namespace caseboard::store {

// `caseboard migrate-data`: copies every user (with its password hash, so that everyone signs in
// as before), every case (archived too) and every theatre session (with its list order) from
// `source` into PostgreSQL, keeping ids, order and timestamps. Rows already there are left as they
// are, so running it again is harmless. Then it checks that every row of the source is in the
// destination and prints the counts. Returns the exit code: 0 when verified, 1 otherwise.
int migrateData(Store& source, postgres::PostgresStore& destination, std::ostream& out,
                std::ostream& err);

}  // namespace caseboard::store
