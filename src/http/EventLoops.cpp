#include "http/EventLoops.hpp"

#include <algorithm>
#include <thread>

namespace caseboard::http {

EventLoops::EventLoops(unsigned count, realtime::Hub& hub) {
    for (unsigned i = 0; i < std::max(1u, count); ++i) {
        loops_.push_back(std::make_unique<asio::io_context>(1));
        guards_.push_back(asio::make_work_guard(*loops_.back()));
        groups_.push_back(std::make_shared<SocketGroup>(*loops_.back(), hub));
        hub.join(groups_.back());
    }
}

EventLoops::Loop EventLoops::nextForConnection() {
    Loop loop{*loops_[next_], *groups_[next_]};
    next_ = (next_ + 1) % loops_.size();
    return loop;
}

void EventLoops::run() {
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < loops_.size(); ++i)
        threads.emplace_back([loop = loops_[i].get()] { loop->run(); });
    loops_.front()->run();
    for (auto& thread : threads) thread.join();
}

void EventLoops::release() {
    for (auto& guard : guards_) guard.reset();
}

void EventLoops::stop() {
    for (auto& loop : loops_) loop->stop();
}

}  // namespace caseboard::http
