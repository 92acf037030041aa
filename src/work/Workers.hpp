#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "work/HashBacklog.hpp"
#include "work/PendingCompletions.hpp"

namespace caseboard::work {

namespace asio = boost::asio;

// The hashing backlog refused a sign-in: this client already has its share waiting
// (thisClient), or everyone together has.
class BacklogFull : public std::runtime_error {
  public:
    explicit BacklogFull(bool thisClient)
        : std::runtime_error("sign-in backlog full"), thisClient(thisClient) {}
    const bool thisClient;
};

// Where a handler's waiting happens. Handlers are coroutines on their connection's event loop,
// which must never block: whatever waits on the database they hand to the store pool, password
// hashing to its own small pool (so that a flood of sign-ins cannot starve everything else), and
// a write the store completes by itself (SQLite's group commit) they simply await. Each of these
// resumes the handler on its event loop.
class Workers {
  public:
    Workers(unsigned storeThreads, unsigned hashThreads);
    ~Workers();
    Workers(const Workers&) = delete;
    Workers& operator=(const Workers&) = delete;

    // Runs `work` (which may block) on a store worker and returns what it returns, or throws
    // what it throws.
    template <typename Work>
    asio::awaitable<std::invoke_result_t<Work&>> onStore(Work work) {
        return onPool(store_, std::move(work));
    }

    // Runs `work` on the hashing pool, if the client's share of its backlog has room (BacklogFull
    // if not).
    template <typename Work>
    asio::awaitable<std::invoke_result_t<Work&>> hashing(const std::string& client, Work work) {
        BacklogSeat seat(backlog_, client);
        co_return co_await onPool(hash_, std::move(work));
    }

    // Awaits a write the store completes without a worker waiting for it: `start` hands a
    // completion, callable once from any thread as (result, error), to the store.
    template <typename T, typename Start>
    asio::awaitable<T> completion(Start start) {
        return asio::async_initiate<const asio::use_awaitable_t<>, void(std::exception_ptr, T)>(
            [this, start = std::move(start)](auto handler) mutable {
                handBack<T>(std::move(handler), start);
            },
            asio::use_awaitable);
    }

    // For the WebSocket sessions, whose work is not a request's.
    asio::thread_pool& storePool() { return store_; }
    unsigned storeThreads() const { return storeThreads_; }

    // At shutdown, before the event loops go: waits for every task and every completion that
    // would resume a handler on one.
    void finish();

  private:
    // A place in the hashing backlog, held while the sign-in waits and while it is hashed.
    class BacklogSeat {
      public:
        BacklogSeat(HashBacklog& backlog, const std::string& client);
        ~BacklogSeat() { backlog_.leave(client_); }
        BacklogSeat(const BacklogSeat&) = delete;
        BacklogSeat& operator=(const BacklogSeat&) = delete;

      private:
        HashBacklog& backlog_;
        std::string client_;
    };

    template <typename Work>
    static asio::awaitable<std::invoke_result_t<Work&>> onPool(asio::thread_pool& pool, Work work) {
        using Result = std::invoke_result_t<Work&>;
        co_return co_await asio::co_spawn(
            pool, [&work]() -> asio::awaitable<Result> { co_return work(); }, asio::use_awaitable);
    }

    // The store's thread only posts the result to the handler's event loop.
    template <typename T, typename Handler, typename Start>
    void handBack(Handler handler, Start& start) {
        auto waiting = std::make_shared<Handler>(std::move(handler));
        pending_.begin();
        auto done = [this, waiting](T result, std::exception_ptr error) {
            auto executor = asio::get_associated_executor(*waiting);
            asio::post(executor, [waiting, error, result = std::move(result)]() mutable {
                Handler resume = std::move(*waiting);
                std::move(resume)(error, std::move(result));
            });
            pending_.end();
        };
        try {
            start(std::function<void(T, std::exception_ptr)>(done));
        } catch (...) {
            done(T{}, std::current_exception());
        }
    }

    const unsigned storeThreads_;
    asio::thread_pool store_;
    asio::thread_pool hash_;
    // Sign-ins waiting for a hash: 256 at most, 16 of them from any one client address.
    HashBacklog backlog_{256, 16};
    PendingCompletions pending_;
};

}  // namespace caseboard::work
