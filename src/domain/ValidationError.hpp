#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace caseboard::domain {

// One bad input, in FastAPI's shape: where it is ("body"/"query"/"path", then the field),
// what is wrong, and a machine-readable type such as "string_too_long".
struct FieldError {
    std::vector<std::string> loc;
    std::string msg;
    std::string type;
};

// Every bad field of one request at once, so that a client can fix them all in one go (422).
class ValidationError : public std::runtime_error {
  public:
    explicit ValidationError(std::vector<FieldError> errors)
        : std::runtime_error("validation failed"), errors_(std::move(errors)) {}
    const std::vector<FieldError>& errors() const { return errors_; }

  private:
    std::vector<FieldError> errors_;
};

}  // namespace caseboard::domain
