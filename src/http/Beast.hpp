#pragma once

// The one place that names the Beast/Asio types the http layer shares.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace caseboard::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;

using Request = bhttp::request<bhttp::string_body>;

inline constexpr auto kAwaitable = asio::as_tuple(asio::use_awaitable);

}  // namespace caseboard::http
