#pragma once

#include <boost/optional.hpp>
#include <memory>

#include <string>

#include "http/Beast.hpp"

namespace caseboard::http {

// A Beast body that writes an immutable, shared buffer: a cached case list goes to every
// screen that asks for it without being copied per response.
struct SharedBody {
    using value_type = std::shared_ptr<const std::string>;

    static std::uint64_t size(const value_type& body) { return body ? body->size() : 0; }

    class writer {
      public:
        using const_buffers_type = asio::const_buffer;

        template <bool isRequest, class Fields>
        writer(const bhttp::header<isRequest, Fields>&, const value_type& body) : body_(body) {}

        void init(boost::system::error_code& ec) { ec = {}; }

        boost::optional<std::pair<const_buffers_type, bool>> get(boost::system::error_code& ec) {
            ec = {};
            if (!body_ || body_->empty()) return boost::none;
            return std::make_pair(asio::const_buffer(body_->data(), body_->size()), false);
        }

      private:
        const value_type& body_;
    };
};

}  // namespace caseboard::http
