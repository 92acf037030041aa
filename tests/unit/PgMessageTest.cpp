#include <gtest/gtest.h>

#include <string>

#include "store/postgres/PgAccessEvent.hpp"
#include "store/postgres/PgMessage.hpp"

using caseboard::store::postgres::kMaxPayloadBytes;
using caseboard::store::postgres::PgMessage;
using namespace std::string_literals;

namespace {

bool printableAscii(const std::string& text) {
    for (char c : text) {
        if (c < 0x21 || c > 0x7e) return false;
    }
    return true;
}

}  // namespace

TEST(PgMessage, AnyTextComesBackAsItWasSentThroughAnAsciiPayload) {
    const std::string texts[] = {
        R"(He said "theatre 2" \ C:\list\ {"action":"delete","case":"x"})",
        "Théâtre 2 — Ω 日本 🦴",
        "tab\tnew line\nbell\x07 nul\0 unit\x1f.end"s,
        "",
    };
    for (const auto& text : texts) {
        auto payload = PgMessage{"sam@example.org", text}.payload();
        ASSERT_TRUE(payload.has_value());
        EXPECT_TRUE(printableAscii(*payload)) << *payload;
        auto back = PgMessage::parse(*payload);
        ASSERT_TRUE(back.has_value()) << *payload;
        EXPECT_EQ(back->fromEmail, "sam@example.org");
        EXPECT_EQ(back->text, text);
    }
}

TEST(PgMessage, TheLongestTextFromTheLongestAddressFitsInOneNotify) {
    const std::string email = std::string(254 - 12, 'a') + "@example.org";
    const std::string text(4096, '\xff');
    auto payload = PgMessage{email, text}.payload();
    ASSERT_TRUE(payload.has_value());
    EXPECT_LE(payload->size(), kMaxPayloadBytes);
    EXPECT_EQ(PgMessage::parse(*payload)->text, text);
}

TEST(PgMessage, ATextTooLongForOneNotifyHasNoPayload) {
    const PgMessage tooLong{"sam@example.org", std::string(6000, 'x')};
    EXPECT_FALSE(tooLong.payload().has_value());
}

TEST(PgMessage, PayloadsThatAreNotOursAreRefused) {
    const std::string good = *PgMessage{"sam@example.org", "hi"}.payload();
    const std::string bad[] = {
        "",
        "no separator",
        R"({"action":"create","case":"x","origin":"o","seq":1})",
        "." + good.substr(good.find('.') + 1),  // no sender
        good + ".extra",
        "c2Ft!.aGk",
        good.substr(0, good.find('.')) + ".a",  // a base64 length no encoder produces
    };
    for (const auto& payload : bad) {
        EXPECT_FALSE(PgMessage::parse(payload).has_value()) << payload;
    }
}

TEST(PgAccessEvent, AnAccessChangeComesBackAsItWasSent) {
    caseboard::domain::AccessChange change{"user-1", "", true, "session-2", false};
    auto parsed = caseboard::store::postgres::PgAccessEvent::parse(
        caseboard::store::postgres::PgAccessEvent::payload(change));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->userId, "user-1");
    EXPECT_TRUE(parsed->allSessionsEnded);
    EXPECT_EQ(parsed->keptSession, "session-2");
    EXPECT_FALSE(parsed->readingEnded);
    for (const char* bad : {"", "{}", "[1]",
                            R"({"user":"","ended_session":"","all_sessions":true,)"
                            R"("kept_session":"","reading_ended":false})",
                            R"({"user":"u","ended_session":1})"}) {
        EXPECT_FALSE(caseboard::store::postgres::PgAccessEvent::parse(bad)) << bad;
    }
}
