#include <gtest/gtest.h>

#include "realtime/FrameLog.hpp"

using namespace caseboard::realtime;

namespace {
std::vector<std::string> texts(const std::vector<std::shared_ptr<const Frame>>& frames) {
    std::vector<std::string> out;
    for (const auto& frame : frames) out.emplace_back(frame->payload());
    return out;
}
}  // namespace

TEST(FrameLog, ReadsInOrderFromTheCursorAndAdvancesIt) {
    FrameLog log(8);
    EXPECT_EQ(log.newest(), 0u);
    EXPECT_EQ(log.append(Frame::text("a")), 1u);
    EXPECT_EQ(log.append(Frame::text("b")), 2u);
    log.append(Frame::text("c"));
    std::uint64_t cursor = 1;
    std::vector<std::shared_ptr<const Frame>> frames;
    ASSERT_EQ(log.readAfter(cursor, 10, frames), FrameLog::Read::Ok);
    EXPECT_EQ(texts(frames), (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(cursor, 3u);
    frames.clear();
    ASSERT_EQ(log.readAfter(cursor, 10, frames), FrameLog::Read::Ok);
    EXPECT_TRUE(frames.empty());
}

TEST(FrameLog, ReadsAtMostTheBatchSize) {
    FrameLog log(8);
    for (const char* text : {"a", "b", "c", "d"}) log.append(Frame::text(text));
    std::uint64_t cursor = 0;
    std::vector<std::shared_ptr<const Frame>> frames;
    log.readAfter(cursor, 3, frames);
    EXPECT_EQ(texts(frames), (std::vector<std::string>{"a", "b", "c"}));
    frames.clear();
    log.readAfter(cursor, 3, frames);
    EXPECT_EQ(texts(frames), (std::vector<std::string>{"d"}));
}

TEST(FrameLog, AReaderAWholeLogBehindIsStillServedOneMoreIsOverrun) {
    FrameLog log(4);
    for (int i = 0; i < 4; ++i) log.append(Frame::text(std::to_string(i)));
    std::uint64_t cursor = 0;
    std::vector<std::shared_ptr<const Frame>> frames;
    ASSERT_EQ(log.readAfter(cursor, 10, frames), FrameLog::Read::Ok);
    EXPECT_EQ(texts(frames), (std::vector<std::string>{"0", "1", "2", "3"}));

    for (int i = 4; i < 9; ++i) log.append(Frame::text(std::to_string(i)));
    frames.clear();
    EXPECT_EQ(log.readAfter(cursor, 10, frames), FrameLog::Read::Overrun);
    EXPECT_TRUE(frames.empty());
    EXPECT_EQ(cursor, 4u) << "an overrun reader's cursor does not move";
}

TEST(FrameLog, ReadsAtMostTheByteLimitButAlwaysOneFrame) {
    FrameLog log(8);
    for (const char* text : {"aaaa", "bbbb", "cccc"}) log.append(Frame::text(text));
    std::uint64_t cursor = 0;
    std::vector<std::shared_ptr<const Frame>> frames;
    // Each frame is 6 bytes on the wire: two fit in 13, the third waits.
    ASSERT_EQ(log.readAfter(cursor, 10, frames, 13), FrameLog::Read::Ok);
    EXPECT_EQ(texts(frames), (std::vector<std::string>{"aaaa", "bbbb"}));
    EXPECT_EQ(cursor, 2u);
    frames.clear();
    // A frame larger than the limit still goes, alone.
    ASSERT_EQ(log.readAfter(cursor, 10, frames, 1), FrameLog::Read::Ok);
    EXPECT_EQ(texts(frames), (std::vector<std::string>{"cccc"}));
    EXPECT_EQ(cursor, 3u);
}
