#include "directory/FilterValue.hpp"

#include <gtest/gtest.h>

#include <string>

using caseboard::directory::escapeFilterValue;
using caseboard::directory::userFilter;

TEST(FilterValue, EscapesEveryCharacterThatStructuresAFilter) {
    EXPECT_EQ(escapeFilterValue("*)(mail=*"), "\\2a\\29\\28mail=\\2a");
    EXPECT_EQ(escapeFilterValue("a\\b"), "a\\5cb");
    EXPECT_EQ(escapeFilterValue(std::string("a\0b", 3)), "a\\00b");
}

TEST(FilterValue, KeepsOrdinaryTextAndUtf8AsTheyAre) {
    EXPECT_EQ(escapeFilterValue("zoë.o'neill+ward@hospital.test"),
              "zoë.o'neill+ward@hospital.test");
    EXPECT_EQ(escapeFilterValue(""), "");
}

TEST(FilterValue, ReplacesEveryPlaceholderWithTheEscapedAddress) {
    EXPECT_EQ(userFilter("(mail={email})", "a*@b"), "(mail=a\\2a@b)");
    EXPECT_EQ(userFilter("(|(mail={email})(userPrincipalName={email}))", "x(y"),
              "(|(mail=x\\28y)(userPrincipalName=x\\28y))");
}
