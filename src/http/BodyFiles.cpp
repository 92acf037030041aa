#include "http/BodyFiles.hpp"

#include <spdlog/spdlog.h>

#include <system_error>

namespace caseboard::http {

std::shared_ptr<const BodyFile> BodyFiles::fileFor(const Body& body) {
    std::lock_guard lock(mutex_);
    auto* entry = entries_.find(body.get());
    // A body that died may have left its address to this one: the weak pointer tells.
    if (entry && !entry->body.expired()) return entry->file;
    dropDeadBodies();
    try {
        auto file = std::make_shared<const BodyFile>(*body);
        entries_.insert(body.get(), Entry{body, file}, file->size());
        return file;
    } catch (const std::system_error& e) {
        spdlog::warn("sending a shared body by copy: {}", e.what());
        return nullptr;
    }
}

void BodyFiles::forgetDeadBodies() {
    std::lock_guard lock(mutex_);
    dropDeadBodies();
}

void BodyFiles::dropDeadBodies() {
    // Responses still sending one of these files hold it themselves.
    entries_.eraseIf([](const Entry& kept) { return kept.body.expired(); });
}

}  // namespace caseboard::http
