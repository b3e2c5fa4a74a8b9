#include "domain/register/statutory_rules.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <set>

namespace huji::domain {

FineSchedule FineSchedule::defaults() {
  FineSchedule s;
  s.bands = {{15, 300}, {30, 500}, {180, 700}};
  s.beyond = 900;
  s.statutory_max = 900;
  return s;
}

int FineSchedule::amount_for(int days_late) const {
  for (const auto& b : bands) {
    if (days_late <= b.up_to_days) return b.amount;
  }
  return beyond;
}

StatutoryRules StatutoryRules::defaults() {
  StatutoryRules r;
  r.source =
      "戶籍法 §16、§17、§48–§51、§76、§79；戶籍罰鍰處罰金額基準表；民法 §982、§1050；"
      "國籍法施行細則；姓名條例 §9；老人福利法 §2；兒童及少年福利與權益保障法 §2";
  return r;
}

namespace {

bool parse_int(std::string_view text, int& out) {
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end;
}

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\t') ++j;
    if (j > i) out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

// A key of the format: how its value is read and written. `read` returns false on a bad value.
struct Key {
  const char* name;
  std::function<bool(StatutoryRules&, std::string_view)> read;
  std::function<std::string(const StatutoryRules&)> write;
};

Key int_key(const char* name, int StatutoryRules::*field, int min, int max) {
  return {name,
          [=](StatutoryRules& r, std::string_view v) {
            int n = 0;
            if (!parse_int(v, n) || n < min || n > max) return false;
            r.*field = n;
            return true;
          },
          [=](const StatutoryRules& r) { return std::to_string(r.*field); }};
}

Key date_key(const char* name, core::Date StatutoryRules::*field) {
  return {name,
          [=](StatutoryRules& r, std::string_view v) {
            auto d = core::Date::parse_iso(v);
            if (!d.ok()) return false;
            r.*field = *d;
            return true;
          },
          [=](const StatutoryRules& r) { return (r.*field).to_iso(); }};
}

// A fraction 0–1, written with up to four decimals (99.98 % is 0.9998).
Key share_key(const char* name, double StatutoryRules::*field) {
  return {name,
          [=](StatutoryRules& r, std::string_view v) {
            std::string text(v);
            char* end = nullptr;
            const double x = std::strtod(text.c_str(), &end);
            if (text.empty() || end != text.c_str() + text.size() || !(x >= 0.0 && x <= 1.0)) {
              return false;
            }
            r.*field = x;
            return true;
          },
          [=](const StatutoryRules& r) {
            std::string out = std::to_string(std::round(r.*field * 10000) / 10000);
            while (out.size() > 3 && out.back() == '0') out.pop_back();
            return out;
          }};
}

const std::vector<Key>& keys() {
  static const std::vector<Key> kKeys = {
      {"source",
       [](StatutoryRules& r, std::string_view v) {
         r.source = std::string(v);
         return !r.source.empty();
       },
       [](const StatutoryRules& r) { return r.source; }},
      int_key("deadline.birth_days", &StatutoryRules::birth_days, 1, 366),
      int_key("deadline.general_days", &StatutoryRules::general_days, 1, 366),
      int_key("deadline.move_stay_months", &StatutoryRules::move_stay_months, 0, 24),
      int_key("deadline.move_days", &StatutoryRules::move_days, 1, 366),
      int_key("deadline.abroad_years", &StatutoryRules::abroad_years, 1, 10),
      date_key("law.marriage_by_registration_since", &StatutoryRules::registration_marriage_since),
      date_key("law.agreed_divorce_by_registration_since",
               &StatutoryRules::registration_agreed_divorce_since),
      {"fine.bands",
       [](StatutoryRules& r, std::string_view v) {
         std::vector<FineSchedule::Band> bands;
         for (auto w : words(v)) {
           const auto colon = w.find(':');
           FineSchedule::Band b{};
           if (colon == std::string_view::npos || !parse_int(w.substr(0, colon), b.up_to_days) ||
               !parse_int(w.substr(colon + 1), b.amount) || b.up_to_days < 1 || b.amount < 0 ||
               (!bands.empty() && b.up_to_days <= bands.back().up_to_days)) {
             return false;
           }
           bands.push_back(b);
         }
         if (bands.empty()) return false;
         r.fines.bands = std::move(bands);
         return true;
       },
       [](const StatutoryRules& r) {
         std::string out;
         for (const auto& b : r.fines.bands) {
           if (!out.empty()) out += ' ';
           out += std::to_string(b.up_to_days) + ":" + std::to_string(b.amount);
         }
         return out;
       }},
      {"fine.beyond",
       [](StatutoryRules& r, std::string_view v) {
         return parse_int(v, r.fines.beyond) && r.fines.beyond >= 0;
       },
       [](const StatutoryRules& r) { return std::to_string(r.fines.beyond); }},
      {"fine.statutory_max",
       [](StatutoryRules& r, std::string_view v) {
         return parse_int(v, r.fines.statutory_max) && r.fines.statutory_max >= 0;
       },
       [](const StatutoryRules& r) { return std::to_string(r.fines.statutory_max); }},
      int_key("fine.after_reminder", &StatutoryRules::fine_after_reminder, 0, 1000000),
      {"fine.false_application",
       [](StatutoryRules& r, std::string_view v) {
         const auto w = words(v);
         if (w.size() != 3) return false;
         for (size_t i = 0; i < 3; ++i) {
           if (!parse_int(w[i], r.false_application_fines[i]) || r.false_application_fines[i] < 0) {
             return false;
           }
         }
         return true;
       },
       [](const StatutoryRules& r) {
         const auto& f = r.false_application_fines;
         return std::to_string(f[0]) + " " + std::to_string(f[1]) + " " + std::to_string(f[2]);
       }},
      int_key("reminder.days", &StatutoryRules::reminder_days, 1, 366),
      int_key("nationality.registration_working_days",
              &StatutoryRules::nationality_registration_working_days, 1, 366),
      int_key("nationality.proof_of_loss_years", &StatutoryRules::proof_of_loss_years, 1, 10),
      int_key("nationality.proof_reminder_days", &StatutoryRules::proof_reminder_days, 0, 366),
      int_key("name_change.cap", &StatutoryRules::name_change_cap, 1, 100),
      int_key("law.age_of_majority", &StatutoryRules::age_of_majority, 14, 30),
      int_key("law.marriage_min_age_man", &StatutoryRules::marriage_min_age_man, 12, 30),
      int_key("law.marriage_min_age_woman", &StatutoryRules::marriage_min_age_woman, 12, 30),
      int_key("care.elderly_age", &StatutoryRules::care_elderly_age, 50, 100),
      int_key("care.child_age", &StatutoryRules::care_child_age, 1, 30),
      share_key("target.registration_correctness",
                &StatutoryRules::target_registration_correctness),
      int_key("target.correctness_prior_years", &StatutoryRules::target_correctness_prior_years, 0,
              10),
      share_key("target.care_list_rate", &StatutoryRules::target_care_list_rate),
      share_key("target.notification_rate_beidou",
                &StatutoryRules::target_notification_rate_beidou),
      share_key("target.notification_rate_datong",
                &StatutoryRules::target_notification_rate_datong),
  };
  return kKeys;
}

core::Error file_error(std::string_view source, int line, const std::string& zh,
                       const std::string& en) {
  const std::string where = std::string(source) + ":" + std::to_string(line);
  return core::Error::invalid("rules.file", "法規數值檔 " + where + "：" + zh,
                              "rules file " + where + ": " + en);
}

}  // namespace

core::Result<std::vector<StatutoryRules>> parse_rule_versions(std::string_view text,
                                                              std::string_view source_name,
                                                              const StatutoryRules* inherit) {
  std::vector<StatutoryRules> out;
  std::set<std::string> seen;  // keys of the current block
  int block_line = 0;
  auto finish = [&]() -> core::Status {
    if (out.empty()) return {};
    for (const auto& k : keys()) {
      if (!inherit && !seen.contains(k.name)) {
        return file_error(source_name, block_line,
                          "自 effective 起之區塊缺少 " + std::string(k.name),
                          "the block starting here lacks " + std::string(k.name));
      }
    }
    return {};
  };
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (auto hash = raw.find('#'); hash != std::string_view::npos) raw = raw.substr(0, hash);
    const std::string line = trim(raw);
    if (line.empty()) {
      if (nl == text.size()) break;
      continue;
    }
    const auto space = line.find_first_of(" \t");
    const std::string key = line.substr(0, space);
    const std::string value = space == std::string::npos ? "" : trim(line.substr(space + 1));
    if (key == "effective") {
      HUJI_TRY(finish());
      auto d = core::Date::parse_iso(value);
      if (!d.ok()) {
        return file_error(source_name, line_no, "生效日期須為 YYYY-MM-DD",
                          "the effective date must be YYYY-MM-DD");
      }
      for (const auto& v : out) {
        if (v.effective_from == *d) {
          return core::Error::invalid("rules.duplicate",
                                      "法規數值檔有兩個生效日期相同之區塊（" + d->to_iso() + "）",
                                      "the rules text has two blocks effective on " + d->to_iso());
        }
      }
      out.push_back(inherit ? *inherit : StatutoryRules::defaults());
      out.back().effective_from = *d;
      seen.clear();
      block_line = line_no;
    } else {
      if (out.empty()) {
        return file_error(source_name, line_no, "須以 effective 行開始一個區塊",
                          "a block must start with an effective line");
      }
      const auto& all = keys();
      auto it = std::find_if(all.begin(), all.end(), [&](const Key& k) { return key == k.name; });
      if (it == all.end()) {
        return file_error(source_name, line_no, "未知的項目 " + key, "unknown key " + key);
      }
      if (!seen.insert(key).second) {
        return file_error(source_name, line_no, "項目重複 " + key, "repeated key " + key);
      }
      if (!it->read(out.back(), value)) {
        return file_error(source_name, line_no, "項目 " + key + " 之值不正確",
                          "bad value for " + key);
      }
    }
    if (nl == text.size()) break;
  }
  HUJI_TRY(finish());
  if (out.empty()) {
    return core::Error::invalid("rules.empty", "法規數值檔沒有任何版本（effective 區塊）",
                                "the rules text holds no version (effective block)");
  }
  return out;
}

std::string format_rule_version(const StatutoryRules& rules) {
  std::string out = "effective " + rules.effective_from.to_iso() + "\n";
  for (const auto& k : keys()) out += std::string(k.name) + " " + k.write(rules) + "\n";
  return out;
}

RuleBook::RuleBook() : versions_{StatutoryRules::defaults()} {}

RuleBook::RuleBook(std::vector<StatutoryRules> versions) : versions_(std::move(versions)) {
  if (versions_.empty()) versions_.push_back(StatutoryRules::defaults());
  std::stable_sort(versions_.begin(), versions_.end(), [](const auto& a, const auto& b) {
    return a.effective_from < b.effective_from;
  });
}

const StatutoryRules& RuleBook::at(core::Date d) const {
  const StatutoryRules* in_force = &versions_.front();
  for (const auto& v : versions_) {
    if (v.effective_from > d) break;
    in_force = &v;
  }
  return *in_force;
}

}  // namespace huji::domain
