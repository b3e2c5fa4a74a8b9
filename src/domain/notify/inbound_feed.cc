#include "domain/notify/inbound_feed.h"

#include <map>
#include <set>

#include "core/id_number.h"
#include "core/utf8.h"

namespace huji::domain::notify {

const std::vector<FeedEvent>& feed_events() {
  // 戶籍法施行細則 §5 (出境滿二年 → 逕為遷出登記); 戶籍法 §14, §21 (死亡、死亡宣告), §10
  // (監護), §9 (離婚), §8 (收養及終止收養); re-entry: the person registers the move-in (§17).
  static const std::vector<FeedEvent> k = {
      {"abroad_2y",
       "immigration",
       "出境滿二年未入境",
       "abroad two years",
       {"ex_officio_move_out", "move_out"}},
      {"reentry", "immigration", "再入境", "re-entered", {"move_in", "ex_officio_move_in"}},
      {"death", "death", "死亡通報", "death report", {"death"}},
      {"death_declaration", "court", "死亡宣告", "declaration of death", {"death_declaration"}},
      {"guardianship", "court", "監護宣告", "guardianship", {"guardianship"}},
      {"divorce", "court", "裁判離婚", "divorce by judgment", {"divorce"}},
      {"adoption", "court", "認可收養", "adoption approved", {"adoption"}},
      {"adoption_termination",
       "court",
       "終止收養",
       "adoption terminated",
       {"adoption_termination"}},
  };
  return k;
}

const FeedEvent* find_feed_event(std::string_view feed, std::string_view code) {
  for (const auto& e : feed_events()) {
    if (e.feed == feed && e.code == code) return &e;
  }
  return nullptr;
}

bool is_feed(std::string_view feed) {
  return feed == "immigration" || feed == "death" || feed == "court";
}

namespace {

constexpr size_t kMaxRecordId = 64;
constexpr size_t kMaxNameChars = 60;
constexpr size_t kMaxReferenceChars = 100;

// RFC 4180 fields of one line (no line break inside a quoted field: one record, one line).
// nullopt on a stray or unterminated quote.
std::optional<std::vector<std::string>> split_fields(std::string_view line) {
  std::vector<std::string> out(1);
  size_t i = 0;
  bool field_start = true;
  while (i < line.size()) {
    const char c = line[i];
    if (field_start && c == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            out.back() += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        out.back() += line[i++];
      }
      if (!closed || (i < line.size() && line[i] != ',')) return std::nullopt;
      field_start = false;
      continue;
    }
    if (c == ',') {
      out.emplace_back();
      field_start = true;
    } else if (c == '"') {
      return std::nullopt;
    } else {
      out.back() += c;
      field_start = false;
    }
    ++i;
  }
  return out;
}

size_t chars(std::string_view s) {
  std::u32string cps;
  return core::utf8::decode(s, cps) ? cps.size() : s.size();
}

bool printable_ascii(std::string_view s) {
  for (char c : s) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

}  // namespace

ParsedFeed parse_feed(std::string_view feed, std::string_view text, core::Date today) {
  ParsedFeed out;
  auto error = [&](int line, std::string zh, std::string en) {
    out.errors.push_back({line, std::move(zh), std::move(en)});
  };
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (!core::utf8::is_valid(text)) {
    error(0, "檔案非 UTF-8 編碼", "the file is not UTF-8");
    return out;
  }
  std::set<std::string> ids;
  int line_no = 0;
  bool header_seen = false;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    ++line_no;
    if (!header_seen) {
      header_seen = true;
      if (line != kFeedHeader) {
        error(line_no, "第一行須為標題列 " + std::string(kFeedHeader),
              "the first line must be the header " + std::string(kFeedHeader));
        return out;
      }
      continue;
    }
    if (line.empty()) continue;  // a trailing blank line
    if (static_cast<int>(out.records.size()) >= kMaxFeedRecords) {
      error(line_no, "筆數超過上限 " + std::to_string(kMaxFeedRecords),
            "more than " + std::to_string(kMaxFeedRecords) + " records");
      return out;
    }
    const std::string at = "第 " + std::to_string(line_no) + " 行：";
    const std::string at_en = "line " + std::to_string(line_no) + ": ";
    auto fields = split_fields(line);
    if (!fields || fields->size() != 6) {
      error(line_no, at + "須為 6 個以逗號分隔之欄位",
            at_en + "must have 6 comma-separated fields");
      continue;
    }
    FeedRecord r;
    r.line = line_no;
    r.record_id = (*fields)[0];
    r.name = (*fields)[2];
    r.event = (*fields)[3];
    r.reference = (*fields)[5];
    const size_t before = out.errors.size();
    if (r.record_id.empty() || r.record_id.size() > kMaxRecordId || !printable_ascii(r.record_id)) {
      error(line_no, at + "通報編號須為 1 至 64 個可見 ASCII 字元",
            at_en + "record_id must be 1 to 64 printable ASCII characters");
    } else if (!ids.insert(r.record_id).second) {
      error(line_no, at + "通報編號 " + r.record_id + " 重複",
            at_en + "record_id " + r.record_id + " appears twice");
    }
    auto id = core::IdNumber::parse((*fields)[1]);
    if (id.ok()) {
      r.id_number = id->str();
    } else {
      error(line_no, at + "統一編號錯誤（" + id.error().message_zh + "）",
            at_en + "bad id_number (" + id.error().message_en + ")");
    }
    if (r.name.empty() || chars(r.name) > kMaxNameChars ||
        core::utf8::find_forbidden(r.name, false)) {
      error(line_no, at + "姓名須為 1 至 60 字，不得含控制或不可見字元",
            at_en + "name must be 1 to 60 characters, no control or invisible characters");
    }
    if (!find_feed_event(feed, r.event)) {
      std::string known;
      for (const auto& e : feed_events()) {
        if (e.feed == feed) known += (known.empty() ? "" : ", ") + std::string(e.code);
      }
      const std::string quoted = core::utf8::quote(r.event);
      std::string zh = at;
      zh.append("事件「").append(quoted).append("」非本類通報之事件（").append(known).append("）");
      std::string en = at_en;
      en.append("event \"").append(quoted).append("\" is not one of ").append(known);
      error(line_no, zh, en);
    }
    auto date = core::Date::parse_iso((*fields)[4]);
    if (!date.ok()) {
      error(line_no, at + "事件日期須為 YYYY-MM-DD", at_en + "event_date must be YYYY-MM-DD");
    } else if (*date > today) {
      error(line_no, at + "事件日期晚於今日", at_en + "event_date is after today");
    } else {
      r.event_date = *date;
    }
    if (chars(r.reference) > kMaxReferenceChars || core::utf8::find_forbidden(r.reference, false)) {
      error(line_no, at + "文號至多 100 字，不得含控制字元",
            at_en + "reference must be at most 100 characters, no control characters");
    }
    if (out.errors.size() == before) out.records.push_back(std::move(r));
  }
  if (!header_seen) error(1, "檔案為空", "the file is empty");
  return out;
}

std::vector<bool> last_wins(const std::vector<FeedRecord>& records) {
  std::map<std::string, size_t> last;
  for (size_t i = 0; i < records.size(); ++i) last[records[i].id_number] = i;
  std::vector<bool> out(records.size(), false);
  for (const auto& [id, i] : last) out[i] = true;
  return out;
}

AbroadCompletion abroad_completion(const std::vector<AbroadCase>& cases, core::Date today) {
  AbroadCompletion k;
  for (const auto& c : cases) {
    if (c.open && today <= c.due) {
      ++k.excluded;
      continue;
    }
    ++k.notified;
    if (c.open) ++k.in_progress;
  }
  if (k.notified > 0) {
    k.rate = static_cast<double>(k.notified - k.in_progress) / static_cast<double>(k.notified);
  }
  return k;
}

}  // namespace huji::domain::notify
