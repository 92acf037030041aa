#include "http/BodyFiles.hpp"

#include <spdlog/spdlog.h>

#include <system_error>

namespace caseboard::http {

std::shared_ptr<const BodyFile> BodyFiles::fileFor(const Body& body) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(body.get());
    // A body that died may have left its address to this one: the weak pointer tells.
    if (it != entries_.end() && !it->second.body.expired()) return it->second.file;
    forgetDeadBodies();
    try {
        auto file = std::make_shared<const BodyFile>(*body);
        entries_.insert_or_assign(body.get(), Entry{body, file});
        return file;
    } catch (const std::system_error& e) {
        spdlog::warn("sending a shared body by copy: {}", e.what());
        return nullptr;
    }
}

void BodyFiles::forgetDeadBodies() {
    std::erase_if(entries_, [](const auto& entry) { return entry.second.body.expired(); });
}

}  // namespace caseboard::http
