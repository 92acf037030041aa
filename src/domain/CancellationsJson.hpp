#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

#include "domain/Cancellation.hpp"

namespace caseboard::domain {

// [{"at", "reason", "note", "by"}, …]: the case object's `cancellations`.
boost::json::value cancellationsJson(const Cancellations& list,
                                     const boost::json::storage_ptr& storage = {});
// The inverse; throws std::exception on anything cancellationsJson does not write.
Cancellations cancellationsFromJson(const boost::json::value& value);
// How a store keeps them in one column: the JSON text.
std::string cancellationsText(const Cancellations& list);
// The inverse; a column that holds anything else (no row written by Caseboard does) is read as
// none rather than failing every read of the board.
Cancellations cancellationsFromText(std::string_view text);

}  // namespace caseboard::domain
