#include "http/WsFrameReader.hpp"

#include "domain/Text.hpp"

namespace caseboard::http {

namespace {

using realtime::kMaxControlPayload;
using realtime::Opcode;
using namespace realtime::close_code;

// Bytes already decoded are dropped from the front of the input once there are this many.
constexpr std::size_t kCompactAfter = 4096;

bool isControl(Opcode opcode) {
    return static_cast<std::uint8_t>(opcode) >= static_cast<std::uint8_t>(Opcode::Close);
}

// Codes a peer may put in a close frame (§7.4.1, §7.4.2): the defined ones that are not reserved
// for local use, and the ranges for libraries and applications.
bool isSendableCloseCode(std::uint16_t code) {
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
           (code >= 3000 && code <= 4999);
}

}  // namespace

std::optional<WsFrameReader::Message> WsFrameReader::next() {
    while (!finished_) {
        auto header = parseHeader();
        if (!header) return std::nullopt;
        if (auto code = refusal(*header)) return fail(*code);
        if (input_.size() - consumed_ - header->size < header->length) return std::nullopt;
        if (auto message = onFrame(*header, takePayload(*header))) return message;
    }
    return std::nullopt;
}

std::optional<WsFrameReader::Header> WsFrameReader::parseHeader() {
    const std::size_t available = input_.size() - consumed_;
    if (available < 2) return std::nullopt;
    const auto* bytes = reinterpret_cast<const unsigned char*>(input_.data()) + consumed_;
    Header header{};
    header.fin = (bytes[0] & 0x80) != 0;
    header.reserved = bytes[0] & 0x70;
    header.opcode = static_cast<Opcode>(bytes[0] & 0x0f);
    header.masked = (bytes[1] & 0x80) != 0;
    const std::uint8_t shortLength = bytes[1] & 0x7f;
    const std::size_t lengthBytes = shortLength == 126 ? 2 : shortLength == 127 ? 8 : 0;
    header.size = 2 + lengthBytes + (header.masked ? 4 : 0);
    if (available < header.size) return std::nullopt;
    header.length = lengthBytes == 0 ? shortLength : 0;
    for (std::size_t i = 0; i < lengthBytes; ++i) header.length = header.length << 8 | bytes[2 + i];
    if (header.masked) {
        for (std::size_t i = 0; i < 4; ++i) header.mask[i] = bytes[2 + lengthBytes + i];
    }
    return header;
}

std::optional<std::uint16_t> WsFrameReader::refusal(const Header& header) const {
    // A client must mask every frame (§5.1) and may not use bits no extension gave meaning to.
    if (header.reserved != 0 || !header.masked) return kProtocolError;
    if (isControl(header.opcode)) {
        bool known = header.opcode == Opcode::Close || header.opcode == Opcode::Ping ||
                     header.opcode == Opcode::Pong;
        if (!known || !header.fin || header.length > kMaxControlPayload) return kProtocolError;
        return std::nullopt;
    }
    switch (header.opcode) {
        case Opcode::Continuation:
            if (!inMessage_) return kProtocolError;
            break;
        case Opcode::Text:
            if (inMessage_) return kProtocolError;
            break;
        case Opcode::Binary:
            return kUnsupportedData;
        default:
            return kProtocolError;
    }
    // Checked before the payload is buffered: a declared length alone can be refused.
    if (header.length > maxMessageBytes_ - message_.size()) return kMessageTooBig;
    return std::nullopt;
}

std::string WsFrameReader::takePayload(const Header& header) {
    std::string payload = input_.substr(consumed_ + header.size, header.length);
    for (std::size_t i = 0; i < payload.size(); ++i) payload[i] ^= header.mask[i % 4];
    consumed_ += header.size + header.length;
    if (consumed_ == input_.size()) {
        input_.clear();
        consumed_ = 0;
    } else if (consumed_ >= kCompactAfter) {
        input_.erase(0, consumed_);
        consumed_ = 0;
    }
    return payload;
}

std::optional<WsFrameReader::Message> WsFrameReader::onFrame(const Header& header,
                                                             std::string payload) {
    switch (header.opcode) {
        case Opcode::Ping:
            return Message{Message::Kind::Ping, std::move(payload)};
        case Opcode::Pong:
            return Message{Message::Kind::Pong, std::move(payload)};
        case Opcode::Close:
            finish();
            return closeFrom(std::move(payload));
        default:
            break;
    }
    message_ += payload;
    inMessage_ = !header.fin;
    if (inMessage_) return std::nullopt;
    std::string text = std::move(message_);
    message_.clear();
    if (!domain::isValidUtf8(text)) return fail(kInvalidPayload);
    return Message{Message::Kind::Text, std::move(text)};
}

WsFrameReader::Message WsFrameReader::fail(std::uint16_t code) {
    finish();
    return Message{Message::Kind::Fail, {}, code};
}

void WsFrameReader::finish() {
    finished_ = true;
    input_ = {};
    consumed_ = 0;
    message_ = {};
}

WsFrameReader::Message WsFrameReader::closeFrom(std::string payload) {
    if (payload.empty()) return Message{Message::Kind::Close, {}, 0};
    if (payload.size() == 1) return Message{Message::Kind::Fail, {}, kProtocolError};
    auto code = static_cast<std::uint16_t>(static_cast<unsigned char>(payload[0]) << 8 |
                                           static_cast<unsigned char>(payload[1]));
    if (!isSendableCloseCode(code)) return Message{Message::Kind::Fail, {}, kProtocolError};
    std::string reason = payload.substr(2);
    if (!domain::isValidUtf8(reason)) return Message{Message::Kind::Fail, {}, kInvalidPayload};
    return Message{Message::Kind::Close, std::move(reason), code};
}

}  // namespace caseboard::http
