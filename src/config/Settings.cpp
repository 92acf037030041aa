#include "config/Settings.hpp"

#include <stdexcept>
#include <thread>

namespace caseboard::config {

DatabaseLocation DatabaseLocation::parse(const std::string& text) {
    if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
        return {Kind::Postgres, text};
    }
    constexpr std::string_view sqlitePrefix = "sqlite:///";
    std::string path = text.starts_with(sqlitePrefix) ? text.substr(sqlitePrefix.size()) : text;
    if (path.empty() || path.find("://") != std::string::npos) {
        throw std::invalid_argument(
            "--database must be a file path, sqlite:///path or postgresql://…");
    }
    return {Kind::Sqlite, path};
}

std::string Settings::secretFilePath() const {
    if (!jwtSecretFile.empty()) return jwtSecretFile;
    auto location = databaseLocation();
    if (location.kind == DatabaseLocation::Kind::Sqlite) return location.target + ".jwt-secret";
    return "./caseboard.jwt-secret";
}

unsigned Settings::ioThreads() const {
    if (threads > 0) return threads;
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace caseboard::config
