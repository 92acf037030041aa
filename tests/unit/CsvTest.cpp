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
