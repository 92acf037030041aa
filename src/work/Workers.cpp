#include "work/Workers.hpp"

#include "work/PoolThreads.hpp"

namespace caseboard::work {

Workers::Workers(unsigned storeThreads, unsigned hashThreads)
    : storeThreads_(storeThreads), store_(storeThreads), hash_(hashThreads) {
    setUpEachThread(store_, storeThreads, [] { nameThisThread("caseboard-store"); });
    // argon2 takes only the CPU that the event loops leave: under a flood of sign-ins the
    // board's reads keep their latency and the sign-ins wait instead.
    setUpEachThread(hash_, hashThreads, [] {
        nameThisThread("caseboard-hash");
        runThisThreadAtLowPriority();
    });
}

Workers::~Workers() {
    finish();
}

void Workers::finish() {
    store_.join();
    hash_.join();
    pending_.waitIdle();
}

Workers::BacklogSeat::BacklogSeat(HashBacklog& backlog, const std::string& client)
    : backlog_(backlog), client_(client) {
    switch (backlog_.enter(client_)) {
        case HashBacklog::Admission::Admitted:
            return;
        case HashBacklog::Admission::ClientFull:
            throw BacklogFull(true);
        case HashBacklog::Admission::Full:
            throw BacklogFull(false);
    }
}

}  // namespace caseboard::work
