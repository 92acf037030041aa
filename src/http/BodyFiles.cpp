#include "http/BodyFiles.hpp"

#include <spdlog/spdlog.h>

#include <system_error>

namespace caseboard::http {

std::shared_ptr<const BodyFile> BodyFiles::fileFor(const Body& body) {
    std::lock_guard lock(mutex_);
    auto* entry = entries_.find(body.get());
    // A body that died may have left its address to this one: the weak pointer tells.
    if (entry && !entry->body.expired()) return entry->file;
    // The files of bodies that died are sent no more (but by responses still holding them).
    entries_.eraseIf([](const Entry& kept) { return kept.body.expired(); });
    try {
        auto file = std::make_shared<const BodyFile>(*body);
        entries_.insert(body.get(), Entry{body, file}, file->size());
        return file;
    } catch (const std::system_error& e) {
        spdlog::warn("sending a shared body by copy: {}", e.what());
        return nullptr;
    }
}

}  // namespace caseboard::http
