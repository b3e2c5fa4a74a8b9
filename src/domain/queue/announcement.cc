#include "domain/queue/announcement.h"

#include <algorithm>
#include <array>

namespace huji::domain::queue {

namespace {

struct Row {
  std::string_view phrase, cmn, hak, en;
};

// Pinyin with tone numbers; Pha̍k-fa-sṳ (Sixian); English.
constexpr std::array<Row, 14> kTable{{
    {"please", "qing3", "chhiáng", ""},
    {"number", "hao4", "ho", "number"},
    {"to_counter", "dao4", "to", "please go to counter"},
    {"counter", "hao4 gui4 tai2", "ho khui-thòi", ""},
    {"0", "ling2", "lâng", "zero"},
    {"1", "yi1", "yit", "one"},
    {"2", "er4", "ngi", "two"},
    {"3", "san1", "sâm", "three"},
    {"4", "si4", "si", "four"},
    {"5", "wu3", "ńg", "five"},
    {"6", "liu4", "liuk", "six"},
    {"7", "qi1", "chhit", "seven"},
    {"8", "ba1", "pat", "eight"},
    {"9", "jiu3", "kiú", "nine"},
}};

bool digits(std::string_view s, size_t max) {
  return !s.empty() && s.size() <= max &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool known_language(std::string_view lang) {
  return std::find(std::begin(kLanguages), std::end(kLanguages), lang) != std::end(kLanguages);
}

bool known_phrase(std::string_view phrase) {
  return std::find(std::begin(kPhrases), std::end(kPhrases), phrase) != std::end(kPhrases);
}

std::optional<std::string> voice_of(std::string_view lang) {
  if (lang == "cmn") return "cmn-latn-pinyin";
  if (lang == "hak") return "hak";
  if (lang == "en") return "en";
  return std::nullopt;
}

std::string phrase_text(std::string_view lang, std::string_view phrase) {
  for (const auto& r : kTable) {
    if (r.phrase != phrase) continue;
    if (lang == "cmn") return std::string(r.cmn);
    if (lang == "hak") return std::string(r.hak);
    if (lang == "en") return std::string(r.en);
  }
  return "";
}

std::optional<std::vector<std::string>> announcement(std::string_view lang, int number,
                                                     std::string_view counter) {
  if (!known_language(lang) || number < 1 || number > 9999 || !digits(counter, 4)) {
    return std::nullopt;
  }
  const std::string n = std::to_string(number);
  std::vector<std::string> out;
  auto add_digits = [&out](std::string_view s) {
    for (char c : s) out.emplace_back(1, c);
  };
  if (lang == "en") {  // Number 2 0 0 1, please go to counter 3.
    out.emplace_back("number");
    add_digits(n);
    out.emplace_back("to_counter");
    add_digits(counter);
    return out;
  }
  // 請 2 0 0 1 號 到 3 號櫃台
  out.emplace_back("please");
  add_digits(n);
  out.emplace_back("number");
  out.emplace_back("to_counter");
  add_digits(counter);
  out.emplace_back("counter");
  return out;
}

}  // namespace huji::domain::queue
