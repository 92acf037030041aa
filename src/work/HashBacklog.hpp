#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace caseboard::work {

// The sign-ins and registrations waiting for the hashing pool or in it, in total and per client
// address. The total bounds the queue; the share of one address bounds what a flood from it can
// take, so that other addresses still get their turn.
class HashBacklog {
  public:
    enum class Admission { Admitted, ClientFull, Full };

    HashBacklog(std::size_t total, std::size_t perClient) : total_(total), perClient_(perClient) {}

    Admission enter(const std::string& client);
    // Once for each admitted enter().
    void leave(const std::string& client);

  private:
    const std::size_t total_;
    const std::size_t perClient_;
    std::mutex mutex_;
    std::size_t waiting_ = 0;
    std::unordered_map<std::string, std::size_t> waitingByClient_;  // no zero entries
};

}  // namespace caseboard::work
