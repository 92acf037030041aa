#pragma once

#include "harness/WsClient.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace caseboard::it {

// Collecting WebSocket events with bounded waits.
class Events {
  public:
    // Reads messages until one is a relayed message whose text is `marker` (or `timeout` passes),
    // then keeps reading until `quiet` passes with nothing new. Returns every message except the
    // marker.
    static std::vector<boost::json::object> untilMarker(
        WsClient& ws, const std::string& marker,
        std::chrono::milliseconds timeout = std::chrono::seconds(10),
        std::chrono::milliseconds quiet = std::chrono::milliseconds(300));
    // Reads until `count` messages matching action (and case id, if not empty) were seen or
    // `timeout` passes, then drains for `quiet`. Returns all messages read.
    static std::vector<boost::json::object> until(
        WsClient& ws, const std::string& action, std::size_t count,
        std::chrono::milliseconds timeout = std::chrono::seconds(10),
        std::chrono::milliseconds quiet = std::chrono::milliseconds(300));
    // Reads until nothing arrives for `quiet` (at most `limit` overall).
    static std::vector<boost::json::object> drain(
        WsClient& ws, std::chrono::milliseconds quiet = std::chrono::milliseconds(300),
        std::chrono::milliseconds limit = std::chrono::seconds(10));

    static std::size_t count(const std::vector<boost::json::object>& events,
                             const std::string& action, const std::string& caseId = "");
    // The first event with this action and case id, or an empty object.
    static boost::json::object find(const std::vector<boost::json::object>& events,
                                    const std::string& action, const std::string& caseId);
    static std::string describe(const std::vector<boost::json::object>& events);
};

}  // namespace caseboard::it
