#include "realtime/Frame.hpp"

#include <stdexcept>

namespace caseboard::realtime {

namespace {

constexpr std::uint8_t kFin = 0x80;

void appendBigEndian(std::string& out, std::uint64_t value, int bytes) {
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
        out.push_back(static_cast<char>((value >> shift) & 0xff));
    }
}

}  // namespace

Frame::Frame(Opcode opcode, std::string_view payload) : opcode_(opcode) {
    bytes_.reserve(payload.size() + 10);
    bytes_.push_back(static_cast<char>(kFin | static_cast<std::uint8_t>(opcode)));
    if (payload.size() < 126) {
        bytes_.push_back(static_cast<char>(payload.size()));
    } else if (payload.size() <= 0xffff) {
        bytes_.push_back(static_cast<char>(126));
        appendBigEndian(bytes_, payload.size(), 2);
    } else {
        bytes_.push_back(static_cast<char>(127));
        appendBigEndian(bytes_, payload.size(), 8);
    }
    headerSize_ = bytes_.size();
    bytes_.append(payload);
}

std::shared_ptr<const Frame> Frame::text(std::string_view payload) {
    return std::make_shared<const Frame>(Opcode::Text, payload);
}

std::shared_ptr<const Frame> Frame::control(Opcode opcode, std::string_view payload) {
    if (payload.size() > kMaxControlPayload) {
        throw std::invalid_argument("a control frame carries at most 125 bytes");
    }
    return std::make_shared<const Frame>(opcode, payload);
}

std::shared_ptr<const Frame> Frame::close(std::uint16_t code) {
    std::string payload;
    if (code != 0) appendBigEndian(payload, code, 2);
    return control(Opcode::Close, payload);
}

}  // namespace caseboard::realtime
