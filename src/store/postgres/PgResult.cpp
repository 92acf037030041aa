#include "store/postgres/PgResult.hpp"

#include <charconv>
#include <cstring>
#include <stdexcept>

namespace caseboard::store::postgres {

PgResult& PgResult::operator=(PgResult&& other) noexcept {
    if (this != &other) {
        PQclear(result_);
        result_ = other.result_;
        other.result_ = nullptr;
    }
    return *this;
}

std::int64_t PgResult::affected() const {
    const char* count = result_ ? PQcmdTuples(result_) : "";
    std::int64_t value = 0;
    std::from_chars(count, count + std::strlen(count), value);
    return value;
}

std::string PgResult::text(int row, int column) const {
    return std::string(PQgetvalue(result_, row, column),
                       static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::optional<std::string> PgResult::optionalText(int row, int column) const {
    if (isNull(row, column)) return std::nullopt;
    return text(row, column);
}

std::int64_t PgResult::integer(int row, int column) const {
    const char* value = PQgetvalue(result_, row, column);
    const char* end = value + PQgetlength(result_, row, column);
    std::int64_t number = 0;
    auto [ptr, ec] = std::from_chars(value, end, number);
    if (ec != std::errc() || ptr != end) throw std::runtime_error("not an integer column");
    return number;
}

bool PgResult::boolean(int row, int column) const {
    return PQgetlength(result_, row, column) > 0 && PQgetvalue(result_, row, column)[0] == 't';
}

}  // namespace caseboard::store::postgres
