#include "auth/SecretFile.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace caseboard::auth {

namespace {

constexpr std::size_t kSecretBytes = 32;

std::runtime_error failure(const std::string& what, const std::string& path) {
    return std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

std::string readAll(int fd, const std::string& path) {
    std::string secret;
    char buffer[256];
    for (;;) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) throw failure("cannot read JWT secret file", path);
        if (n == 0) break;
        secret.append(buffer, static_cast<std::size_t>(n));
        if (secret.size() > 4096) throw std::runtime_error("JWT secret file is too large: " + path);
    }
    return secret;
}

std::string create(const std::string& path) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw failure("cannot create JWT secret file", path);
    std::string secret(kSecretBytes, '\0');
    randombytes_buf(secret.data(), secret.size());
    bool ok = ::write(fd, secret.data(), secret.size()) == static_cast<ssize_t>(secret.size()) &&
              ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) throw failure("cannot write JWT secret file", path);
    return secret;
}

}  // namespace

std::string loadOrCreateSecret(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return create(path);
        throw failure("cannot open JWT secret file", path);
    }
    std::string secret = readAll(fd, path);
    ::close(fd);
    if (secret.size() < kSecretBytes) {
        throw std::runtime_error("JWT secret file " + path + " holds fewer than 32 bytes");
    }
    return secret;
}

}  // namespace caseboard::auth
