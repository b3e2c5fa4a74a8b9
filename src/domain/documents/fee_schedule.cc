#include "domain/documents/fee_schedule.h"

#include <algorithm>
#include <charconv>

namespace huji::domain {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      out.push_back(trim(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  return out;
}

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  for (auto w : split(text, ' ')) {
    if (!w.empty()) out.push_back(w);
  }
  return out;
}

bool parse_amount(std::string_view text, int64_t& out) {
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end && out >= 0 && out <= 1'000'000;
}

bool valid_code(std::string_view code) {
  return !code.empty() && code.size() <= 40 && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

const FeeItem* FeeVersion::item(std::string_view code) const {
  for (const auto& i : items) {
    if (i.code == code) return &i;
  }
  return nullptr;
}

const FeeWaiver* FeeVersion::waiver(std::string_view code) const {
  for (const auto& w : waivers) {
    if (w.code == code) return &w;
  }
  return nullptr;
}

core::Result<std::vector<FeeVersion>> parse_fee_versions(std::string_view text,
                                                         std::string_view source_name) {
  std::vector<FeeVersion> out;
  int line_no = 0;
  auto bad = [&](std::string_view why_zh, std::string_view why_en) {
    return core::Error::invalid(
        "fees.file",
        std::string(source_name) + " 第 " + std::to_string(line_no) + " 行：" + std::string(why_zh),
        std::string(source_name) + " line " + std::to_string(line_no) + ": " + std::string(why_en));
  };
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) {
      if (nl == text.size()) break;
      continue;
    }
    auto parts = split(line, '|');
    auto head = words(parts[0]);
    const std::string_view key = head[0];
    if (key == "effective") {
      if (head.size() != 2 || parts.size() != 1)
        return bad("effective 後應為一個日期", "effective takes one date");
      auto d = core::Date::parse_iso(head[1]);
      if (!d) return bad("日期格式錯誤", "bad date");
      for (const auto& v : out) {
        if (v.effective == *d) {
          return core::Error::invalid("fees.duplicate", "兩個版本的生效日相同：" + d->to_iso(),
                                      "two versions share the effective date " + d->to_iso());
        }
      }
      out.push_back(FeeVersion{*d, {}, {}, {}});
      continue;
    }
    if (out.empty()) return bad("第一個設定前應有 effective", "a block must start with effective");
    FeeVersion& v = out.back();
    if (key == "source") {
      v.source = std::string(trim(line.substr(6)));
    } else if (key == "item") {
      if (parts.size() != 3 || (head.size() != 3 && head.size() != 5)) {
        return bad("item 格式為：item 代碼 金額 [extra 金額] | 中文名稱 | English name",
                   "item takes: item CODE AMOUNT [extra AMOUNT] | name_zh | name_en");
      }
      FeeItem item;
      item.code = std::string(head[1]);
      if (!valid_code(item.code))
        return bad("代碼只能用小寫英文、數字與底線", "codes use a-z, 0-9 and _");
      if (v.item(item.code) != nullptr)
        return bad("同一版本中項目重複", "item repeated in the version");
      if (!parse_amount(head[2], item.amount)) return bad("金額錯誤", "bad amount");
      if (head.size() == 5) {
        int64_t extra = 0;
        if (head[3] != "extra" || !parse_amount(head[4], extra))
          return bad("extra 金額錯誤", "bad extra amount");
        item.extra_amount = extra;
      }
      item.name_zh = std::string(parts[1]);
      item.name_en = std::string(parts[2]);
      if (item.name_zh.empty() || item.name_en.empty()) return bad("缺少名稱", "missing name");
      v.items.push_back(std::move(item));
    } else if (key == "waiver") {
      if (parts.size() != 3 || head.size() != 3) {
        return bad("waiver 格式為：waiver 代碼 項目,項目 | 中文名稱 | English name",
                   "waiver takes: waiver CODE ITEM,ITEM | name_zh | name_en");
      }
      FeeWaiver w;
      w.code = std::string(head[1]);
      if (!valid_code(w.code))
        return bad("代碼只能用小寫英文、數字與底線", "codes use a-z, 0-9 and _");
      if (v.waiver(w.code) != nullptr)
        return bad("同一版本中減免事由重複", "waiver repeated in the version");
      for (auto it : split(head[2], ',')) {
        if (v.item(it) == nullptr)
          return bad("減免事由列出的項目未定義：" + std::string(it),
                     "waiver names an undefined item: " + std::string(it));
        w.items.emplace_back(it);
      }
      w.name_zh = std::string(parts[1]);
      w.name_en = std::string(parts[2]);
      if (w.name_zh.empty() || w.name_en.empty()) return bad("缺少名稱", "missing name");
      v.waivers.push_back(std::move(w));
    } else {
      return bad("不明的設定：" + std::string(key), "unknown key: " + std::string(key));
    }
    if (nl == text.size()) break;
  }
  for (const auto& v : out) {
    if (v.items.empty()) {
      return core::Error::invalid(
          "fees.file", std::string(source_name) + "：" + v.effective.to_iso() + " 版本沒有任何項目",
          std::string(source_name) + ": version " + v.effective.to_iso() + " has no items");
    }
  }
  return out;
}

std::string format_fee_version(const FeeVersion& version) {
  std::string out = "effective " + version.effective.to_iso() + "\n";
  if (!version.source.empty()) out += "source " + version.source + "\n";
  for (const auto& i : version.items) {
    out += "item " + i.code + " " + std::to_string(i.amount);
    if (i.extra_amount) out += " extra " + std::to_string(*i.extra_amount);
    out += " | " + i.name_zh + " | " + i.name_en + "\n";
  }
  for (const auto& w : version.waivers) {
    out += "waiver " + w.code + " ";
    for (size_t k = 0; k < w.items.size(); ++k) {
      if (k > 0) out += ',';
      out += w.items[k];
    }
    out += " | " + w.name_zh + " | " + w.name_en + "\n";
  }
  return out;
}

FeeSchedule::FeeSchedule(std::vector<FeeVersion> versions) : versions_(std::move(versions)) {
  std::sort(versions_.begin(), versions_.end(),
            [](const FeeVersion& a, const FeeVersion& b) { return a.effective < b.effective; });
}

const FeeVersion* FeeSchedule::at(core::Date d) const {
  const FeeVersion* found = nullptr;
  for (const auto& v : versions_) {
    if (v.effective <= d) found = &v;
  }
  return found;
}

core::Result<FeeQuote> FeeSchedule::quote(std::string_view item, core::Date on, int quantity,
                                          std::string_view waiver) const {
  const FeeVersion* v = at(on);
  const FeeItem* fee = v == nullptr ? nullptr : v->item(item);
  if (fee == nullptr) {
    return core::Error::invalid(
        "fee.unknown_item", "規費表（" + on.to_iso() + " 適用）沒有此項目：" + std::string(item),
        "the fee schedule in force on " + on.to_iso() + " has no item " + std::string(item));
  }
  if (quantity < 1 || quantity > 1000) {
    return core::Error::invalid("fee.quantity", "數量應為 1 至 1000", "quantity must be 1 to 1000");
  }
  FeeQuote q{fee->code, fee->name_zh, fee->name_en, quantity, fee->amount, 0, {}, v->effective};
  q.amount = fee->amount + (quantity - 1) * fee->extra_amount.value_or(fee->amount);
  if (!waiver.empty()) {
    const FeeWaiver* w = v->waiver(waiver);
    if (w == nullptr) {
      return core::Error::invalid("fee.unknown_waiver", "沒有此減免事由：" + std::string(waiver),
                                  "no such waiver: " + std::string(waiver));
    }
    if (std::find(w->items.begin(), w->items.end(), fee->code) == w->items.end()) {
      return core::Error::invalid("fee.waiver_item",
                                  "「" + w->name_zh + "」不適用於" + fee->name_zh,
                                  "waiver " + w->name_en + " does not apply to " + fee->name_en);
    }
    q.amount = 0;
    q.waiver = w->code;
  }
  return q;
}

}  // namespace huji::domain
