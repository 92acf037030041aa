#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Date.hpp"
#include "domain/QueryParams.hpp"
#include "domain/ValidationError.hpp"

namespace caseboard::domain {

// Reads typed query parameters and collects every bad one, so that one 422 (loc "query") names
// them all.
class QueryReader {
  public:
    explicit QueryReader(const QueryParams& params) : params_(params) {}

    // An empty value is a value, as FastAPI takes it: ?outcome= matches an empty outcome and
    // ?archived= is not a boolean.
    std::optional<std::string> raw(std::string_view name) const { return params_.get(name); }
    // A criterion compared with stored text. A control character could never match (no such
    // text is stored), and PostgreSQL would cut the value at U+0000 and match something else;
    // it refuses bytes that are not UTF-8 outright, so they are a 422 on every store.
    std::optional<std::string> text(std::string_view name);
    std::optional<Date> date(std::string_view name);
    std::optional<int> integer(std::string_view name, int min, int max);
    bool boolean(std::string_view name, bool fallback);

    void fail(std::string_view name, std::string msg, std::string type);
    // Throws ValidationError naming every bad parameter read so far.
    void throwIfFailed() const;

  private:
    const QueryParams& params_;
    std::vector<FieldError> errors_;
};

}  // namespace caseboard::domain
