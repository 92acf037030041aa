#include "api/ErrorMapping.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include <cctype>

#include "api/ApiError.hpp"
#include "domain/ValidationError.hpp"
#include "store/StoreErrors.hpp"
#include "work/Workers.hpp"

namespace caseboard::api {

namespace json = boost::json;

namespace {

// FastAPI writes list positions in loc as numbers ("moves", 0, "section").
json::value locPart(const std::string& part) {
    bool numeric = !part.empty();
    for (char c : part) numeric = numeric && std::isdigit(static_cast<unsigned char>(c));
    if (numeric) return json::value(std::stoll(part));
    return json::value(part);
}

ApiResponse validationResponse(const domain::ValidationError& error) {
    json::array detail;
    for (const auto& field : error.errors()) {
        json::array loc;
        for (const auto& part : field.loc) loc.push_back(locPart(part));
        detail.push_back(json::object{{"loc", loc}, {"msg", field.msg}, {"type", field.type}});
    }
    return ApiResponse::json(422, json::object{{"detail", detail}});
}

// The response for the exception being handled.
ApiResponse responseForCurrentException() {
    try {
        throw;
    } catch (const ApiError& error) {
        return error.response();
    } catch (const domain::ValidationError& error) {
        return validationResponse(error);
    } catch (const store::NotFound&) {
        return ApiResponse::detail(404, "Not found");
    } catch (const store::PreconditionFailed&) {
        return ApiResponse::detail(412, "The case has changed since that version; fetch it again");
    } catch (const store::Conflict&) {
        return ApiResponse::detail(409, "Conflict");
    } catch (const work::BacklogFull& full) {
        // This address's share of the backlog, not everyone's: a flood fills only its own.
        if (full.thisClient) {
            return ApiResponse::detail(
                       429, "Too many sign-ins from this address at once; try again shortly")
                .header("Retry-After", "1");
        }
        return ApiResponse::detail(503, "Too many sign-ins at once; try again shortly")
            .header("Retry-After", "1");
    } catch (const store::Unavailable& error) {
        spdlog::error("store unavailable: {}", error.what());
        return ApiResponse::detail(503, "The database is unavailable; try again shortly")
            .header("Retry-After", "1");
    } catch (const std::exception& error) {
        spdlog::error("unexpected failure: {}", error.what());
        return ApiResponse::detail(500, "Internal server error");
    }
}

}  // namespace

ApiResponse responseFor(std::exception_ptr error) {
    try {
        std::rethrow_exception(std::move(error));
    } catch (...) {
        return responseForCurrentException();
    }
}

}  // namespace caseboard::api
