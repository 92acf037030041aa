#pragma once

#include "harness/HttpClient.hpp"

#include <boost/json.hpp>

#include <string>
#include <vector>

namespace caseboard::it {

bool isUuidV4(const std::string& text);
// RFC 3339 in UTC with Z, optional fraction: 2025-08-22T06:09:27Z / 2025-08-22T06:09:27.123Z
bool isRfc3339Utc(const std::string& text);

// Short random hex, unique enough to keep tests on a shared server apart.
std::string uniqueSuffix();
std::string uniqueEmail(const std::string& prefix = "user");
// A unique section slug ([a-z0-9_]) for isolating a test's cases.
std::string uniqueSection(const std::string& prefix = "s");
// A well-formed UUID v4 that no server has produced.
std::string randomUuidV4();

// The "loc" paths of a 422 body as dotted strings ("body.name", "query.limit"); empty if the body
// is not a FastAPI-style validation error.
std::vector<std::string> errorLocations(const boost::json::value& body);
// True if the body is a JSON object with a "detail" member.
bool hasDetail(const HttpResponse& response);
// Status, headers and body, for assertion messages.
std::string describe(const HttpResponse& response);

// String member or "" (for terse assertions).
std::string str(const boost::json::value& value, const char* key);

}  // namespace caseboard::it
