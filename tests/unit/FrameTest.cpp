#include <gtest/gtest.h>

#include <string>

#include "realtime/Frame.hpp"

using caseboard::realtime::Frame;

namespace {
std::string headerOf(const Frame& frame) {
    auto wire = frame.wire();
    return std::string(wire.substr(0, wire.size() - frame.payload().size()));
}
}  // namespace

TEST(Frame, ShortTextHasATwoByteHeader) {
    auto frame = Frame::text("hi");
    EXPECT_EQ(frame->wire(), std::string("\x81\x02hi", 4));
    EXPECT_EQ(frame->payload(), "hi");
}

TEST(Frame, LengthsUseThe7The16AndThe64BitForms) {
    EXPECT_EQ(headerOf(*Frame::text(std::string(125, 'x'))), std::string("\x81\x7d"));
    EXPECT_EQ(headerOf(*Frame::text(std::string(126, 'x'))), std::string("\x81\x7e\x00\x7e", 4));
    EXPECT_EQ(headerOf(*Frame::text(std::string(65535, 'x'))), std::string("\x81\x7e\xff\xff", 4));
    EXPECT_EQ(headerOf(*Frame::text(std::string(65536, 'x'))),
              std::string("\x81\x7f\x00\x00\x00\x00\x00\x01\x00\x00", 10));
}

TEST(Frame, ServerFramesAreNeverMasked) {
    auto frame = Frame::text(std::string(300, 'x'));
    EXPECT_EQ(static_cast<unsigned char>(frame->wire()[1]) & 0x80, 0);
}

TEST(Frame, CloseCarriesItsCodeBigEndian) {
    EXPECT_EQ(Frame::close(1013)->wire(), std::string("\x88\x02\x03\xf5", 4));
    EXPECT_EQ(Frame::close(0)->wire(), std::string("\x88\x00", 2));
}

TEST(Frame, ControlFramesAreRefusedOver125Bytes) {
    EXPECT_EQ(Frame::control(Frame::Opcode::Pong, std::string(125, 'p'))->wire().size(), 127u);
    EXPECT_THROW(Frame::control(Frame::Opcode::Pong, std::string(126, 'p')), std::invalid_argument);
}
