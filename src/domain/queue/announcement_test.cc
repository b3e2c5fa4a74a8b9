#include "domain/queue/announcement.h"

#include <gtest/gtest.h>

namespace huji::domain::queue {
namespace {

using Phrases = std::vector<std::string>;

TEST(Announcement, MandarinHakkaAnd台語ReadTheNumberDigitByDigit) {
  const Phrases expected{"please", "2", "0", "0", "1", "number", "to_counter", "3", "counter"};
  for (const char* lang : {"cmn", "hak", "nan"}) {
    EXPECT_EQ(announcement(lang, 2001, "3"), expected) << lang;
  }
}

TEST(Announcement, EnglishSaysNumberThenCounter) {
  EXPECT_EQ(announcement("en", 7012, "12"),
            (Phrases{"number", "7", "0", "1", "2", "to_counter", "1", "2"}));
}

TEST(Announcement, RefusesWhatTheTableCannotSay) {
  EXPECT_FALSE(announcement("fr", 1001, "1"));
  EXPECT_FALSE(announcement("cmn", 0, "1"));
  EXPECT_FALSE(announcement("cmn", 10000, "1"));
  EXPECT_FALSE(announcement("cmn", 1001, ""));
  EXPECT_FALSE(announcement("cmn", 1001, "A"));
  EXPECT_FALSE(announcement("cmn", 1001, "12345"));
}

TEST(Announcement, EveryPhraseAnnouncedHasTextInEveryVoicedLanguage) {
  for (const char* lang : {"cmn", "hak", "en"}) {
    ASSERT_TRUE(voice_of(lang)) << lang;
    const auto phrases = announcement(lang, 1234, "5678");
    ASSERT_TRUE(phrases);
    for (const auto& p : *phrases) {
      EXPECT_FALSE(phrase_text(lang, p).empty()) << lang << " " << p;
      EXPECT_TRUE(known_phrase(p)) << p;
    }
  }
  EXPECT_FALSE(voice_of("nan"));
  EXPECT_EQ(phrase_text("cmn", "please"), "qing3");
  EXPECT_EQ(*voice_of("cmn"), "cmn-latn-pinyin");
}

}  // namespace
}  // namespace huji::domain::queue
