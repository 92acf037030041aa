#include "store/sqlite/ReaderPool.hpp"

namespace caseboard::store::sqlite {

ReaderPool::Lease ReaderPool::acquire() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto connection = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(connection));
        }
    }
    return Lease(*this, std::make_unique<Connection>(path_, true));
}

void ReaderPool::giveBack(std::unique_ptr<Connection> connection) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
}

}  // namespace caseboard::store::sqlite
