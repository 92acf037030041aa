// A query string → the filter of GET /cases/ (and of its CSV export). Whatever the query, the
// answer is a filter that keeps every rule, or a 400 / 422; never a crash, and never a criterion
// that PostgreSQL would cut at U+0000.
#include <cstdint>
#include <string_view>

#include "FuzzInput.hpp"
#include "api/ApiError.hpp"
#include "api/QueryString.hpp"
#include "domain/CaseFilter.hpp"
#include "domain/Text.hpp"
#include "domain/ValidationError.hpp"

namespace {

using namespace caseboard;
using fuzz::violated;

void checkCriterion(const std::optional<std::string>& text) {
    if (text && domain::hasForbiddenControl(*text)) violated("a control character in a filter");
}

void checkFilter(const domain::CaseFilter& filter) {
    for (const auto* text :
         {&filter.nameContains, &filter.diagnosisContains, &filter.outcome, &filter.section,
          &filter.hospitalNumber, &filter.ward, &filter.consultantContains, &filter.theatreSlot}) {
        checkCriterion(*text);
    }
    if (filter.limit && (*filter.limit < 1 || *filter.limit > 1000)) violated("limit out of range");
    if (filter.offset < 0) violated("a negative offset");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    domain::QueryParams params;
    try {
        params = api::parseQueryString(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const api::ApiError& error) {
        if (error.response().status != 400) violated("a malformed query that is not a 400");
        return 0;
    }
    try {
        auto filter = domain::parseCaseFilter(params);
        checkFilter(filter);
        // The list cache's key: the same selection gives the same key.
        if (filter.key() != domain::parseCaseFilter(params).key()) violated("an unstable key");
    } catch (const domain::ValidationError& error) {
        if (error.errors().empty()) violated("a 422 without a parameter");
        for (const auto& field : error.errors()) {
            if (field.loc.size() != 2 || field.loc[0] != "query")
                violated("a 422 loc not in query");
        }
    }
    return 0;
}
