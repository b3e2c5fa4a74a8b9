#include "core/calendar.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#ifndef HUJI_CALENDAR_DIR
#error "HUJI_CALENDAR_DIR must name the data/calendar directory"
#endif

namespace huji::core {
namespace {

Date d(const char* iso) { return Date::parse_iso(iso).value(); }

// The shipped calendar (data/calendar/2024.txt … 2026.txt).
class ShippedCalendarTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Status s = cal_.load_directory(HUJI_CALENDAR_DIR);
    ASSERT_TRUE(s.ok()) << s.error().message_en;
  }
  WorkingCalendar cal_;
};

TEST_F(ShippedCalendarTest, LoadsTheYearsItHas) {
  EXPECT_TRUE(cal_.has_year(2024));
  EXPECT_TRUE(cal_.has_year(2025));
  EXPECT_TRUE(cal_.has_year(2026));
  EXPECT_TRUE(cal_.has_year(2027));
  EXPECT_FALSE(cal_.has_year(2023));
  EXPECT_FALSE(cal_.has_year(2028));
  // 2027 is computed from the rules until checked against the published table.
  EXPECT_EQ(cal_.provisional_years(), std::set<int>{2027});
}

struct DayCase {
  const char* date;
  bool working;
};

TEST_F(ShippedCalendarTest, WorkingDays) {
  const DayCase cases[] = {
      {"2024-01-01", false},  // 開國紀念日
      {"2024-01-02", true},
      {"2024-02-07", true},
      {"2024-02-08", false},  // 除夕前一日, made up on 02-17
      {"2024-02-09", false},  // 除夕
      {"2024-02-10", false},  // 初一, a Saturday: no line needed
      {"2024-02-11", false},  // 初二, a Sunday
      {"2024-02-12", false},
      {"2024-02-13", false},
      {"2024-02-14", false},
      {"2024-02-15", true},
      {"2024-02-17", true},  // 補行上班, a Saturday
      {"2024-02-18", false},
      {"2024-02-28", false},
      {"2024-04-04", false},
      {"2024-04-05", false},
      {"2024-06-10", false},
      {"2024-09-17", false},
      {"2024-10-10", false},
      {"2024-12-31", true},
      {"2025-01-24", true},
      {"2025-01-27", false},
      {"2025-01-31", false},
      {"2025-02-03", true},
      {"2025-02-08", true},  // 補行上班
      {"2025-04-03", false},
      {"2025-10-24", false},
      {"2025-12-25", false},
      {"2026-02-14", false},  // Saturday, no make-up day in 2026
      {"2026-02-20", false},
      {"2026-02-23", true},
      {"2026-05-01", false},
      {"2026-09-28", false},
      {"2026-10-26", false},
      {"2026-12-25", false},
      {"2026-12-31", true},
      // 2027 (provisional): 春節 初一 is Saturday 02-06, so 除夕前一日 02-04 to 初三 02-08
      // and the Saturday and Sunday made up on 02-09 and 02-10.
      {"2027-01-01", false},
      {"2027-02-03", true},
      {"2027-02-04", false},
      {"2027-02-05", false},
      {"2027-02-08", false},
      {"2027-02-09", false},
      {"2027-02-10", false},
      {"2027-02-11", true},
      {"2027-03-01", false},  // 和平紀念日 on a Sunday
      {"2027-04-02", true},
      {"2027-04-05", false},  // 民族掃墓節 (清明)
      {"2027-04-06", false},  // 兒童節 on a Sunday, made up after 清明
      {"2027-04-30", false},  // 勞動節 on a Saturday
      {"2027-06-09", false},
      {"2027-09-15", false},  // 端午節, 中秋節
      {"2027-09-28", false},
      {"2027-10-11", false},
      {"2027-10-25", false},
      {"2027-12-24", false},  // 行憲紀念日 on a Saturday
      {"2027-12-31", false},  // 2028-01-01 is a Saturday: 開國紀念日 made up the day before
  };
  for (const DayCase& c : cases) {
    Result<bool> r = cal_.is_working_day(d(c.date));
    ASSERT_TRUE(r.ok()) << c.date;
    EXPECT_EQ(*r, c.working) << c.date;
  }
}

TEST_F(ShippedCalendarTest, WorkingDaysPerYear) {
  // Weekdays − weekday holidays + make-up Saturdays: 262 − 12 + 1, 261 − 15 + 1, 261 − 16.
  EXPECT_EQ(*cal_.working_days_between(d("2023-12-31"), d("2024-12-31")), 251);
  EXPECT_EQ(*cal_.working_days_between(d("2024-12-31"), d("2025-12-31")), 247);
  EXPECT_EQ(*cal_.working_days_between(d("2025-12-31"), d("2026-12-31")), 245);
  EXPECT_EQ(*cal_.working_days_between(d("2026-12-31"), d("2027-12-31")), 261 - 17);
}

TEST_F(ShippedCalendarTest, YearNotLoaded) {
  Result<bool> r = cal_.is_working_day(d("2023-12-29"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "calendar.year_not_loaded");
  EXPECT_EQ(r.error().kind, ErrorKind::kUnprocessable);
  EXPECT_NE(r.error().message_en.find("2023"), std::string::npos);
  // Running off the end of the data is an error, not a guess.
  Result<Date> due = cal_.due_date(d("2027-12-28"), 5);
  ASSERT_FALSE(due.ok());
  EXPECT_EQ(due.error().code, "calendar.year_not_loaded");
  EXPECT_FALSE(cal_.deadline(d("2027-12-01"), 31).ok());
  EXPECT_FALSE(cal_.working_days_between(d("2023-12-01"), d("2024-01-10")).ok());
}

struct DueCase {
  const char* from;
  int n;
  const char* want;
};

TEST_F(ShippedCalendarTest, DueDate) {
  const DueCase cases[] = {
      {"2024-02-07", 1, "2024-02-15"},  // over Lunar New Year 2024
      {"2024-02-07", 2, "2024-02-16"},
      {"2024-02-07", 3, "2024-02-17"},  // the make-up Saturday counts
      {"2024-02-07", 4, "2024-02-19"},
      {"2025-01-24", 1, "2025-02-03"},   // over Lunar New Year 2025
      {"2024-05-03", 1, "2024-05-06"},   // Friday → Monday
      {"2024-05-04", 1, "2024-05-06"},   // from a Saturday
      {"2024-02-01", 30, "2024-03-21"},  // 國籍: 30 working days after the Ministry's letter
      {"2025-01-20", 30, "2025-03-10"},
      {"2026-02-10", 10, "2026-03-04"},
      {"2024-12-30", 2, "2025-01-02"},  // across a year boundary and 元旦
      {"2024-02-08", 0, "2024-02-08"},  // zero days: the day itself, working or not
  };
  for (const DueCase& c : cases) {
    Result<Date> r = cal_.due_date(d(c.from), c.n);
    ASSERT_TRUE(r.ok()) << c.from << " + " << c.n;
    EXPECT_EQ(r->to_iso(), c.want) << c.from << " + " << c.n;
  }
  Result<Date> neg = cal_.due_date(d("2024-02-07"), -1);
  ASSERT_FALSE(neg.ok());
  EXPECT_EQ(neg.error().code, "calendar.negative");
}

TEST_F(ShippedCalendarTest, Deadline) {
  const DueCase cases[] = {
      {"2024-01-10", 30, "2024-02-15"},  // lands on 除夕 02-09: moves past the whole holiday
      {"2024-01-18", 30, "2024-02-17"},  // lands on the make-up Saturday: a working day
      {"2024-02-02", 30, "2024-03-04"},  // lands on Sunday 03-03
      {"2024-01-29", 30, "2024-02-29"},  // 2024 is a leap year; 02-28 is 和平紀念日
      {"2024-11-30", 60, "2025-02-03"},  // birth: 60 days end on 初一 2025-01-29
      {"2025-12-26", 30, "2026-01-26"},  // 01-25 is a Sunday
      {"2026-01-17", 30, "2026-02-23"},  // 02-16 除夕 → after the 9-day holiday
      {"2024-05-01", 0, "2024-05-01"},  {"2024-05-04", 0, "2024-05-06"},
  };
  for (const DueCase& c : cases) {
    Result<Date> r = cal_.deadline(d(c.from), c.n);
    ASSERT_TRUE(r.ok()) << c.from << " + " << c.n;
    EXPECT_EQ(r->to_iso(), c.want) << c.from << " + " << c.n;
  }
  Result<Date> neg = cal_.deadline(d("2024-02-07"), -30);
  ASSERT_FALSE(neg.ok());
  EXPECT_EQ(neg.error().code, "calendar.negative");
}

TEST_F(ShippedCalendarTest, WorkingDaysBetween) {
  EXPECT_EQ(*cal_.working_days_between(d("2024-02-07"), d("2024-02-15")), 1);
  EXPECT_EQ(*cal_.working_days_between(d("2024-02-15"), d("2024-02-07")), -1);
  EXPECT_EQ(*cal_.working_days_between(d("2024-02-07"), d("2024-02-07")), 0);
  EXPECT_EQ(*cal_.working_days_between(d("2024-02-07"), d("2024-02-17")), 3);
  EXPECT_EQ(*cal_.working_days_between(d("2024-05-03"), d("2024-05-05")), 0);
  // due_date and working_days_between agree.
  for (int n = 0; n < 200; n += 7) {
    Date from = d("2024-01-15");
    Date due = cal_.due_date(from, n).value();
    EXPECT_EQ(*cal_.working_days_between(from, due), n);
  }
}

// ---- Loading --------------------------------------------------------------------------------

TEST(WorkingCalendarTest, LoadTextFormat) {
  WorkingCalendar cal;
  Status s = cal.load_text(
      "\xEF\xBB\xBF# comment line\r\n"
      "\n"
      "   2024-02-08 holiday 農曆除夕前一日   # trailing comment\r\n"
      "2024-02-17\tworkday\t補行上班\n"
      "2024-02-28 holiday\n",  // description optional
      "test");
  ASSERT_TRUE(s.ok()) << s.error().message_en;
  EXPECT_TRUE(cal.has_year(2024));
  EXPECT_EQ(cal.entries().size(), 3u);
  EXPECT_EQ(cal.entries().at(d("2024-02-08").days_since_epoch()).description, "農曆除夕前一日");
  EXPECT_TRUE(cal.entries().at(d("2024-02-17").days_since_epoch()).working);
  EXPECT_FALSE(*cal.is_working_day(d("2024-02-28")));
  EXPECT_TRUE(*cal.is_working_day(d("2024-02-29")));
}

TEST(WorkingCalendarTest, YearDirectiveDeclaresAYearWithoutEntries) {
  WorkingCalendar cal;
  ASSERT_TRUE(cal.load_text("year 2030\n", "t").ok());
  EXPECT_TRUE(cal.has_year(2030));
  EXPECT_TRUE(*cal.is_working_day(d("2030-01-01")));
}

struct BadFile {
  const char* text;
  const char* line;  // the "source:line:" the English message must start with
};

TEST(WorkingCalendarTest, BadLinesNameTheLine) {
  const BadFile cases[] = {
      {"2024-02-30 holiday x\n", "t.txt:1:"},
      {"# ok\n2024-02-08 holiday\n2024/02/09 holiday\n", "t.txt:3:"},
      {"2024-02-08 vacation\n", "t.txt:1:"},
      {"2024-02-08\n", "t.txt:1:"},
      {"2024-02-08 workday 補班\n", "t.txt:1:"},  // a Thursday cannot be a make-up day
      {"2024-02-08 holiday\n2024-02-08 holiday\n", "t.txt:2:"},
      {"year 24\n", "t.txt:1:"},
      {"year 2024 extra\n", "t.txt:1:"},
      {"\xff\xfe\n", "t.txt:1:"},
      {"provisional yes\n", "t.txt:1:"},
      {"2024-02-08 holiday 除夕\xe2\x80\xae前一日\n", "t.txt:1:"},  // U+202E
  };
  for (const BadFile& c : cases) {
    WorkingCalendar cal;
    Status s = cal.load_text(c.text, "t.txt");
    ASSERT_FALSE(s.ok()) << c.text;
    EXPECT_EQ(s.error().code, "calendar.file");
    EXPECT_EQ(s.error().message_en.rfind(c.line, 0), 0u) << s.error().message_en;
    EXPECT_NE(s.error().message_zh.find("第 "), std::string::npos);
    EXPECT_TRUE(cal.years().empty()) << "nothing is loaded from a bad file";
  }
}

TEST(WorkingCalendarTest, ReloadReplacesTheYearAndFailureKeepsTheOldData) {
  WorkingCalendar cal;
  ASSERT_TRUE(cal.load_text("2024-02-08 holiday\n2025-01-27 holiday\n", "a").ok());
  EXPECT_FALSE(*cal.is_working_day(d("2024-02-08")));
  // A corrected 2024 replaces all of 2024 and leaves 2025 alone.
  ASSERT_TRUE(cal.load_text("2024-02-09 holiday\n", "b").ok());
  EXPECT_TRUE(*cal.is_working_day(d("2024-02-08")));
  EXPECT_FALSE(*cal.is_working_day(d("2024-02-09")));
  EXPECT_FALSE(*cal.is_working_day(d("2025-01-27")));
  // A bad file changes nothing.
  ASSERT_FALSE(cal.load_text("2024-02-12 holiday\n2024-13-01 holiday\n", "c").ok());
  EXPECT_TRUE(*cal.is_working_day(d("2024-02-12")));
  EXPECT_FALSE(*cal.is_working_day(d("2024-02-09")));
}

TEST(WorkingCalendarTest, AProvisionalLineMarksTheTextsYears) {
  WorkingCalendar cal;
  ASSERT_TRUE(cal.load_text("# computed\nprovisional\nyear 2027\n2028-01-03 holiday\n", "p").ok());
  EXPECT_EQ(cal.provisional_years(), (std::set<int>{2027, 2028}));
  EXPECT_FALSE(*cal.is_working_day(d("2028-01-03")));
  // The checked table replaces the year and its mark.
  ASSERT_TRUE(cal.load_text("year 2027\n2027-02-04 holiday\n", "checked").ok());
  EXPECT_EQ(cal.provisional_years(), std::set<int>{2028});
  ASSERT_FALSE(cal.load_text("provisional\n2028-02-30 holiday\n", "bad").ok());
  EXPECT_EQ(cal.provisional_years(), std::set<int>{2028});
}

TEST(SharedCalendarTest, ASnapshotOutlivesAReplacement) {
  WorkingCalendar first;
  ASSERT_TRUE(first.load_text("year 2027\n", "a").ok());
  SharedCalendar shared(std::move(first));
  auto held = shared.get();
  WorkingCalendar next = *held;
  ASSERT_TRUE(next.load_text("year 2028\n", "b").ok());
  shared.set(std::move(next));
  EXPECT_FALSE(held->has_year(2028)) << "a reader's snapshot does not change under it";
  EXPECT_TRUE(shared.get()->has_year(2028));
}

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("huji_calendar_test_" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

TEST(WorkingCalendarTest, LoadFileChecksTheYearInItsName) {
  TempDir dir;
  WorkingCalendar cal;
  Status s = cal.load_file(dir.write("2024.txt", "2024-02-08 holiday\n2025-01-27 holiday\n"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "calendar.file");
  EXPECT_NE(s.error().message_en.find("2024.txt:2:"), std::string::npos) << s.error().message_en;
  // An empty YYYY.txt still declares its year.
  ASSERT_TRUE(cal.load_file(dir.write("2031.txt", "# no weekday holidays\n")).ok());
  EXPECT_TRUE(cal.has_year(2031));
}

TEST(WorkingCalendarTest, LoadDirectoryIsAllOrNothing) {
  TempDir dir;
  dir.write("2024.txt", "2024-02-08 holiday\n");
  dir.write("2025.txt", "2025-01-27 holidayy\n");
  dir.write("notes.txt", "ignored\n");
  WorkingCalendar cal;
  Status s = cal.load_directory(dir.str());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "calendar.file");
  EXPECT_FALSE(cal.has_year(2024));
  dir.write("2025.txt", "2025-01-27 holiday\n");
  ASSERT_TRUE(cal.load_directory(dir.str()).ok());
  EXPECT_TRUE(cal.has_year(2024));
  EXPECT_TRUE(cal.has_year(2025));
  EXPECT_EQ(cal.years().size(), 2u);
}

TEST(WorkingCalendarTest, MissingFilesAreIoErrors) {
  WorkingCalendar cal;
  Status s = cal.load_file("/nonexistent/huji/2024.txt");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "calendar.io");
  s = cal.load_directory("/nonexistent/huji");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "calendar.io");
}

TEST(WorkingCalendarTest, EmptyCalendarKnowsNoYear) {
  WorkingCalendar cal;
  Result<bool> r = cal.is_working_day(d("2024-05-01"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "calendar.year_not_loaded");
  // Zero days needs no data; a non-zero count does.
  EXPECT_TRUE(cal.due_date(d("2024-05-01"), 0).ok());
  EXPECT_FALSE(cal.deadline(d("2024-05-01"), 0).ok());
}

}  // namespace
}  // namespace huji::core
