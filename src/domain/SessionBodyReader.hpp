#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/ValidationError.hpp"

namespace caseboard::domain {

// Reads the fields of a theatre session's request body, each by its rule (API.md "Theatre
// lists"), and collects every error so that one 422 names them all (loc ["body", key]). A key not
// in the body is nothing; each read says what it kept.
class SessionBodyReader {
  public:
    explicit SessionBodyReader(const boost::json::object& body) : body_(body) {}

    // Every key that is no key of a session is an error: a misspelt field is refused, not
    // dropped. The server-set keys (and case_ids, unless allowed) are ignored.
    void refuseUnknown(bool caseIdsAllowed);
    void require(std::string_view key);

    std::optional<std::string> date();
    // Text of min..max code points, trimmed first if told; nullAs: what null means, or nothing
    // when null is refused.
    std::optional<std::string> text(std::string_view key, std::size_t min, std::size_t max,
                                    bool trim, std::optional<std::string> nullAs);
    std::optional<std::string> period();
    // Set: a wall-clock time "HH:MM" or an RFC 3339 time (kept in UTC), or null.
    std::optional<std::optional<std::string>> time(std::string_view key);
    std::optional<std::int64_t> capacity();
    // Canonical ids, each once.
    std::optional<std::vector<std::string>> caseIds();

    void fail(std::string_view key, std::string msg, std::string type);
    void throwIfFailed() const;

  private:
    const boost::json::object& body_;
    std::vector<FieldError> errors_;
};

}  // namespace caseboard::domain
