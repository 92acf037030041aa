#include <gtest/gtest.h>

#include "domain/Text.hpp"

using caseboard::domain::isValidUtf8;

TEST(Utf8, AcceptsEveryEncodedLength) {
    EXPECT_TRUE(isValidUtf8(""));
    EXPECT_TRUE(isValidUtf8("plain ASCII"));
    EXPECT_TRUE(isValidUtf8("Ärztin – Station 3 – 骨折 – 🦴"));
    EXPECT_TRUE(isValidUtf8("\xf4\x8f\xbf\xbf"));  // U+10FFFF
}

TEST(Utf8, RefusesMalformedSequences) {
    EXPECT_FALSE(isValidUtf8("\x80"));              // a continuation byte alone
    EXPECT_FALSE(isValidUtf8("\xc0\x80"));          // overlong NUL
    EXPECT_FALSE(isValidUtf8("\xe0\x80\xaf"));      // overlong '/'
    EXPECT_FALSE(isValidUtf8("\xed\xa0\x80"));      // a UTF-16 surrogate
    EXPECT_FALSE(isValidUtf8("\xf4\x90\x80\x80"));  // past U+10FFFF
    EXPECT_FALSE(isValidUtf8("\xe2\x82"));          // truncated
    EXPECT_FALSE(isValidUtf8("\xe2\x28\xa1"));      // a bad continuation
    EXPECT_FALSE(isValidUtf8("\xff"));
}

TEST(ControlCharacters, RefusesNulAndTheC0ControlsButTabLfCr) {
    using caseboard::domain::hasForbiddenControl;
    EXPECT_TRUE(hasForbiddenControl(std::string_view("a\0b", 3)));
    for (char c = 1; c < 0x20; ++c) {
        if (c == '\t' || c == '\n' || c == '\r') continue;
        EXPECT_TRUE(hasForbiddenControl(std::string("x") + c)) << int(c);
    }
    EXPECT_FALSE(hasForbiddenControl("tab\there\r\nand a line\n"));
    EXPECT_FALSE(hasForbiddenControl("Ärztin \x7f 骨折"));  // DEL and UTF-8 are not C0
    EXPECT_FALSE(hasForbiddenControl(""));
}
