#include <gtest/gtest.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "http/BodyFiles.hpp"

using caseboard::http::BodyFile;
using caseboard::http::BodyFiles;

namespace {
std::string contentsOf(const BodyFile& file) {
    std::string bytes(file.size(), '\0');
    EXPECT_EQ(::pread(file.fd(), bytes.data(), bytes.size(), 0),
              static_cast<ssize_t>(bytes.size()));
    return bytes;
}
}  // namespace

TEST(BodyFile, HoldsTheBytesAndCannotBeChanged) {
    BodyFile file(std::string(100000, 'x') + "end");
    EXPECT_EQ(file.size(), 100003u);
    EXPECT_EQ(contentsOf(file), std::string(100000, 'x') + "end");
    EXPECT_EQ(::pwrite(file.fd(), "y", 1, 0), -1) << "sealed against writes";
}

TEST(BodyFiles, OneFilePerLiveBody) {
    BodyFiles files(1 << 20);
    auto body = std::make_shared<const std::string>("the board");
    auto first = files.fileFor(body);
    ASSERT_TRUE(first);
    EXPECT_EQ(files.fileFor(body), first);
    EXPECT_EQ(contentsOf(*first), "the board");
    auto other = std::make_shared<const std::string>("another board");
    EXPECT_NE(files.fileFor(other), first);
}

TEST(BodyFiles, ABodyThatDiedIsNeverSentForANewOne) {
    BodyFiles files(1 << 20);
    std::weak_ptr<const BodyFile> old;
    {
        auto body = std::make_shared<const std::string>("old board");
        old = files.fileFor(body);
    }
    // A new body may get the old one's address; it must get a file of its own.
    for (int i = 0; i < 50; ++i) {
        auto body = std::make_shared<const std::string>("new board " + std::to_string(i));
        auto file = files.fileFor(body);
        ASSERT_TRUE(file);
        EXPECT_EQ(contentsOf(*file), *body);
    }
    EXPECT_TRUE(old.expired()) << "the dead body's file was not let go";
}

TEST(BodyFiles, TheFileOfABodyThatDiedIsLetGoWhenAsked) {
    BodyFiles files(1 << 20);
    std::weak_ptr<const BodyFile> old;
    {
        auto body = std::make_shared<const std::string>("old board");
        old = files.fileFor(body);
        EXPECT_FALSE(old.expired());
    }
    files.forgetDeadBodies();
    EXPECT_TRUE(old.expired());
}

TEST(BodyFiles, KeepsFilesWithinItsSizeTheLeastRecentlyUsedGoingFirst) {
    BodyFiles files(100);
    auto first = std::make_shared<const std::string>(60, 'a');
    auto second = std::make_shared<const std::string>(60, 'b');
    std::weak_ptr<const BodyFile> firstFile = files.fileFor(first);
    auto secondFile = files.fileFor(second);
    EXPECT_TRUE(firstFile.expired()) << "beyond 100 bytes the older file goes";
    EXPECT_EQ(files.fileFor(second), secondFile);
    auto again = files.fileFor(first);
    ASSERT_TRUE(again);
    EXPECT_EQ(contentsOf(*again), *first);
}
