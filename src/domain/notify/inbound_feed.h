#ifndef HUJI_DOMAIN_NOTIFY_INBOUND_FEED_H_
#define HUJI_DOMAIN_NOTIFY_INBOUND_FEED_H_

// 外機關通報 (inbound feeds): the files other agencies send the office — immigration's
// 國人出境滿2年未入境 and 再入境 lists (移民署), death reports from hospitals (衛福部) and court
// decisions (司法院: 死亡宣告, 監護宣告, 裁判離婚, 認可收養, 終止收養), each turned into a
// clerk case with a 5-working-day limit (DOMAIN §5; seed 002: 法定期限5日).
//
// The file (docs/DOMAIN.md "Inbound feeds"): UTF-8 CSV (RFC 4180 quoting), a byte-order mark
// allowed, LF or CRLF, the header row exactly
//   record_id,id_number,name,event,event_date,reference
// then one record per line. Parsing does no I/O and reports every bad line by its number.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace huji::domain::notify {

inline constexpr std::string_view kFeedHeader =
    "record_id,id_number,name,event,event_date,reference";
// A file holds at most this many records (a month of a large office's notices is a few
// hundred); a larger one is refused whole.
inline constexpr int kMaxFeedRecords = 20000;
// The limit of a case: 5 working days after the day the file is received (seed 002:
// 處理中人數如未逾法定期限5日則不納入計算; 公文處理時限 count working days).
inline constexpr int kCaseWorkingDays = 5;

// An event a feed carries, and the registrations that follow it up (a case closed by
// registering names one of these, registered, about the record's person).
struct FeedEvent {
  std::string_view code;
  std::string_view feed;  // immigration | death | court
  std::string_view label_zh, label_en;
  std::vector<std::string_view> registrations;  // registration type codes
};
const std::vector<FeedEvent>& feed_events();
const FeedEvent* find_feed_event(std::string_view feed, std::string_view code);
bool is_feed(std::string_view feed);

// One record of a feed file, as the sender wrote it (the ID number upper-cased and checked).
struct FeedRecord {
  int line = 0;           // in the file, the header being line 1
  std::string record_id;  // the sender's own id: one record is imported once
  std::string id_number;
  std::string name;
  std::string event;  // a FeedEvent code of the file's feed
  core::Date event_date;
  std::string reference;  // the sender's document number (文號)

  bool operator==(const FeedRecord&) const = default;
};

struct FeedLineError {
  int line = 0;
  std::string message_zh, message_en;
};

struct ParsedFeed {
  std::vector<FeedRecord> records;
  std::vector<FeedLineError> errors;  // any: the file is refused whole
};

// Parses `text` as a file of `feed` (a known feed). Each line is checked: six fields, a
// record id (1–64 printable ASCII characters, unique in the file), a valid ID number, a name
// (1–60 characters, no control or invisible characters), an event of this feed, an ISO date
// not after `today`, a reference (≤ 100 characters).
ParsedFeed parse_feed(std::string_view feed, std::string_view text, core::Date today);

// Several records about one person in one file: the last line wins. true at the index of each
// record that takes effect, false at the ones a later line about the same person overrides.
std::vector<bool> last_wins(const std::vector<FeedRecord>& records);

// 國人出境滿2年未入境及再入境人口通報作業處理完成率 (DOMAIN §9; seed 002):
//   (notified − in progress) ÷ notified,
// where a case still open but within its 5-day limit is left out of the count altogether
// (「處理中人數如未逾法定期限5日，則不納入計算」): out of notified and out of in progress.
struct AbroadCase {
  core::Date due;
  bool open = false;
};
struct AbroadCompletion {
  int notified = 0;            // counted: every case but those excluded
  int in_progress = 0;         // open and past the limit
  int excluded = 0;            // open, within the limit on `today`
  std::optional<double> rate;  // nullopt when nothing is counted
};
AbroadCompletion abroad_completion(const std::vector<AbroadCase>& cases, core::Date today);

}  // namespace huji::domain::notify

#endif  // HUJI_DOMAIN_NOTIFY_INBOUND_FEED_H_
