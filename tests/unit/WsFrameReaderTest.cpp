#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/ClientFrame.hpp"
#include "http/WsFrameReader.hpp"

using caseboard::http::WsFrameReader;
using Kind = WsFrameReader::Message::Kind;

namespace {

constexpr std::size_t kMax = 4096;

using caseboard::testing::clientFrame;

std::string text(const std::string& payload) {
    return clientFrame(0x81, payload);
}

std::vector<WsFrameReader::Message> readAll(const std::string& bytes) {
    WsFrameReader reader(kMax);
    reader.append(bytes);
    std::vector<WsFrameReader::Message> messages;
    while (auto message = reader.next()) messages.push_back(std::move(*message));
    return messages;
}

std::uint16_t failureOf(const std::string& bytes) {
    auto messages = readAll(bytes);
    if (messages.empty() || messages.back().kind != Kind::Fail) return 0;
    return messages.back().code;
}

}  // namespace

TEST(WsFrameReader, UnmasksATextMessage) {
    auto messages = readAll(text("hello, ward 7"));
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].kind, Kind::Text);
    EXPECT_EQ(messages[0].payload, "hello, ward 7");
}

TEST(WsFrameReader, WaitsForWholeFramesFedAByteAtATime) {
    const std::string bytes = text(std::string(300, 'a')) + text("b");
    WsFrameReader reader(kMax);
    std::vector<std::string> texts;
    for (char c : bytes) {
        reader.append(std::string_view(&c, 1));
        while (auto message = reader.next()) texts.push_back(message->payload);
    }
    EXPECT_EQ(texts, (std::vector<std::string>{std::string(300, 'a'), "b"}));
}

TEST(WsFrameReader, ReassemblesFragmentsWithAPingBetweenThem) {
    auto messages = readAll(clientFrame(0x01, "first ") + clientFrame(0x89, "are you there") +
                            clientFrame(0x00, "second ") + clientFrame(0x80, "last"));
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages[0].kind, Kind::Ping);
    EXPECT_EQ(messages[0].payload, "are you there");
    EXPECT_EQ(messages[1].kind, Kind::Text);
    EXPECT_EQ(messages[1].payload, "first second last");
}

TEST(WsFrameReader, ReadsCloseWithAndWithoutACode) {
    auto withCode = readAll(clientFrame(0x88, std::string("\x03\xe8", 2) + "bye"));
    ASSERT_EQ(withCode.size(), 1u);
    EXPECT_EQ(withCode[0].kind, Kind::Close);
    EXPECT_EQ(withCode[0].code, 1000);
    EXPECT_EQ(withCode[0].payload, "bye");
    auto bare = readAll(clientFrame(0x88, ""));
    ASSERT_EQ(bare.size(), 1u);
    EXPECT_EQ(bare[0].kind, Kind::Close);
    EXPECT_EQ(bare[0].code, 0);
}

TEST(WsFrameReader, NothingIsReadAfterAClose) {
    auto messages = readAll(clientFrame(0x88, "") + text("late"));
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].kind, Kind::Close);
}

TEST(WsFrameReader, KeepsNothingOfWhatFollowsACloseOrAFailure) {
    // A peer may go on sending after its close: none of it may pile up.
    for (const std::string& last : {clientFrame(0x88, ""), clientFrame(0x82, "binary")}) {
        WsFrameReader reader(kMax);
        reader.append(text("before") + last + std::string(1000, 'g'));
        while (reader.next()) {
        }
        for (int i = 0; i < 100; ++i) reader.append(std::string(10'000, 'g'));
        EXPECT_EQ(reader.bufferedBytes(), 0u);
        EXPECT_FALSE(reader.next());
    }
}

TEST(WsFrameReader, CountsWhatItHolds) {
    WsFrameReader reader(kMax);
    const std::string fragment = clientFrame(0x01, "first ");
    reader.append(fragment);
    EXPECT_FALSE(reader.next());
    EXPECT_EQ(reader.bufferedBytes(), std::string("first ").size());
    const std::string partial = clientFrame(0x80, "second").substr(0, 5);
    reader.append(partial);
    EXPECT_FALSE(reader.next());
    EXPECT_EQ(reader.bufferedBytes(), std::string("first ").size() + partial.size());
}

TEST(WsFrameReader, RefusesWhatAClientMustNotSend) {
    EXPECT_EQ(failureOf(clientFrame(0x81, "unmasked", false)), 1002);
    EXPECT_EQ(failureOf(clientFrame(0xC1, "rsv1 without an extension")), 1002);
    EXPECT_EQ(failureOf(clientFrame(0x83, "reserved opcode")), 1002);
    EXPECT_EQ(failureOf(clientFrame(0x80, "continuation of nothing")), 1002);
    EXPECT_EQ(failureOf(clientFrame(0x01, "a") + text("new text inside a message")), 1002);
    EXPECT_EQ(failureOf(clientFrame(0x09, "fragmented ping")), 1002);
    EXPECT_EQ(failureOf(clientFrame(0x89, std::string(126, 'p'))), 1002);
    EXPECT_EQ(failureOf(clientFrame(0x88, std::string("\x03", 1))), 1002);
    EXPECT_EQ(failureOf(clientFrame(0x88, std::string("\x03\xed", 2))), 1002) << "1005 is local";
}

TEST(WsFrameReader, BinaryIsUnsupportedData) {
    EXPECT_EQ(failureOf(clientFrame(0x82, "\x01\x02")), 1003);
}

TEST(WsFrameReader, InvalidUtf8Is1007) {
    EXPECT_EQ(failureOf(text("\xc3\x28")), 1007);
    EXPECT_EQ(failureOf(clientFrame(0x88, std::string("\x03\xe8\xff", 3))), 1007);
}

TEST(WsFrameReader, MessagesOverTheLimitAre1009BeforeTheirPayloadArrives) {
    auto messages = readAll(text(std::string(kMax, 'm')));
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].kind, Kind::Text);
    EXPECT_EQ(failureOf(clientFrame(0x01, std::string(kMax, 'm')) + clientFrame(0x80, "m")), 1009);
    // Only the header of a huge frame has arrived: refused at once, nothing buffered.
    std::string header("\x81\xff\x00\x00\x00\x01\x00\x00\x00\x00\x12\x34\x56\x78", 14);
    EXPECT_EQ(failureOf(header), 1009);
}
