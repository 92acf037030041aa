#include <gtest/gtest.h>

#include "domain/Csv.hpp"

using namespace caseboard::domain;

TEST(Csv, PlainCellsStayAsTheyAre) {
    EXPECT_EQ(csvLine({"a", "John Doe", "", "2025-08-25"}), "a,John Doe,,2025-08-25\r\n");
}

TEST(Csv, QuotesCellsWithSeparatorsQuotesOrLineBreaks) {
    EXPECT_EQ(csvCell("Doe, John"), "\"Doe, John\"");
    EXPECT_EQ(csvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csvCell("line\nbreak"), "\"line\nbreak\"");
}

TEST(Csv, DisarmsFormulas) {
    EXPECT_EQ(csvCell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    EXPECT_EQ(csvCell("+1"), "'+1");
    EXPECT_EQ(csvCell("-2"), "'-2");
    EXPECT_EQ(csvCell("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(csvCell("\tx"), "'\tx");
    EXPECT_EQ(csvCell("\rx"), "\"'\rx\"");
    EXPECT_EQ(csvCell("a=b"), "a=b");
}

TEST(Csv, DisarmsFormulasBehindSpacesControlsAndQuotes) {
    EXPECT_EQ(csvCell("  =1+1"), "'  =1+1");
    EXPECT_EQ(csvCell(" \t@SUM(A1)"), "' \t@SUM(A1)");
    EXPECT_EQ(csvCell(std::string("\0=1+1", 5)), std::string("'\0=1+1", 6));
    EXPECT_EQ(csvCell("\"=1+1\""), "\"'\"\"=1+1\"\"\"");
    EXPECT_EQ(csvCell("\nx"), "\"'\nx\"");
    EXPECT_EQ(csvCell(std::string("\0plain", 6)), std::string("'\0plain", 7));
}

TEST(Csv, DisarmsEachPartASemicolonLocaleWouldSplitOff) {
    EXPECT_EQ(csvCell("x;=cmd|' /C calc'!A0;"), "\"x;'=cmd|' /C calc'!A0;\"");
    EXPECT_EQ(csvCell("a; -1;b;@x"), "\"a;' -1;b;'@x\"");
    EXPECT_EQ(csvCell(";+1"), "\";'+1\"");
    EXPECT_EQ(csvCell("=a;=b"), "\"'=a;'=b\"");
}

TEST(Csv, LeavesHarmlessTextAlone) {
    EXPECT_EQ(csvCell("Tibia fracture - left"), "Tibia fracture - left");
    EXPECT_EQ(csvCell("  spaced"), "  spaced");
    EXPECT_EQ(csvCell("a;b"), "\"a;b\"");  // quoted, unchanged
    EXPECT_EQ(csvCell("2+2=4"), "2+2=4");
}
