#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "domain/CaseFields.hpp"
#include "domain/ValidationError.hpp"

namespace caseboard::domain {

// Reads the case fields of a request body (or of one item of it), each by the rules of its entry
// in the field table, and collects every error so that one 422 names them all.
class CaseBodyReader {
  public:
    // where: the loc of the body, e.g. {"body"} or {"body", "moves", "3"}.
    CaseBodyReader(const boost::json::object& body, std::vector<std::string> where)
        : body_(body), where_(std::move(where)) {}

    const boost::json::value* find(std::string_view field) const {
        return body_.if_contains(field);
    }
    // Every field a client may write that the body has, checked; unknown fields are ignored.
    CasePatch readFields();

    void fail(std::string_view field, std::string msg, std::string type);
    // An error inside a field's value: loc ends with the field, then `key`.
    void failAt(std::string_view field, std::string_view key, std::string msg, std::string type);
    void throwIfFailed() const;
    std::vector<FieldError> takeErrors() { return std::move(errors_); }

  private:
    // Each keeps the value in `into` when it keeps the field's rules, and says why not otherwise.
    bool read(const CaseField& field, const boost::json::value& value, Case& into);
    bool readText(const CaseField& field, const boost::json::value& value, Case& into);
    bool readChoice(const CaseField& field, const boost::json::value& value, Case& into);
    bool readDate(const CaseField& field, const boost::json::value& value, Case& into);
    bool readInteger(const CaseField& field, const boost::json::value& value, Case& into);
    bool readBoolean(const CaseField& field, const boost::json::value& value, Case& into);
    bool readTimestamp(const CaseField& field, const boost::json::value& value, Case& into);
    bool readObject(const CaseField& field, const boost::json::value& value, Case& into);
    bool withinLength(const CaseField& field, const std::string& text);
    bool matchesPattern(const CaseField& field, const std::string& text);

    const boost::json::object& body_;
    std::vector<std::string> where_;
    std::vector<FieldError> errors_;
};

}  // namespace caseboard::domain
