// Bytes off a WebSocket → messages, through WsFrameReader's public API (constructor, append,
// next), the bytes arriving in pieces as off a socket. Whatever arrives, a text is whole UTF-8
// within the message limit, a control payload within 125 bytes, and nothing follows a close or
// a failure.
#include <cstdint>

#include "FuzzInput.hpp"
#include "api/WebSocketApi.hpp"
#include "domain/Text.hpp"
#include "http/WsFrameReader.hpp"

namespace {

using namespace caseboard;
using fuzz::violated;
using Kind = http::WsFrameReader::Message::Kind;

void check(const http::WsFrameReader::Message& message) {
    switch (message.kind) {
        case Kind::Text:
            if (message.payload.size() > api::WebSocketApi::kMaxMessageBytes)
                violated("a text over the message limit");
            if (!domain::isValidUtf8(message.payload)) violated("a text that is not UTF-8");
            break;
        case Kind::Ping:
        case Kind::Pong:
        case Kind::Close:
            if (message.payload.size() > realtime::kMaxControlPayload)
                violated("a control payload over 125 bytes");
            break;
        case Kind::Fail:
            if (message.code < 1000 || message.code > 4999) violated("a failure without a code");
            break;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    http::WsFrameReader reader(api::WebSocketApi::kMaxMessageBytes);
    bool ended = false;
    while (!input.empty()) {
        reader.append(input.nextPiece());
        while (auto message = reader.next()) {
            if (ended) violated("a message after a close or a failure");
            check(*message);
            ended = message->kind == Kind::Close || message->kind == Kind::Fail;
        }
    }
    return 0;
}
