#include "http/AccessLog.hpp"

#include <spdlog/spdlog.h>

namespace caseboard::http {

namespace {

std::string pathOnly(std::string_view target) {
    return std::string(target.substr(0, target.find('?')));
}

}  // namespace

void logAccess(const Request& request, unsigned status, std::chrono::steady_clock::duration took,
               const std::string& requestId, const std::string& clientAddress) {
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(took).count();
    spdlog::info("{} {} {} {} {:.3f}ms id={}", clientAddress, std::string(request.method_string()),
                 pathOnly(request.target()), status, static_cast<double>(micros) / 1000.0,
                 requestId);
}

}  // namespace caseboard::http
