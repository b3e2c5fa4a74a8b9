#include "core/id_number.h"

#include <array>
#include <stdexcept>

namespace huji::core {
namespace {

// Two-digit code of each region letter (DOMAIN §2), A..Z.
constexpr std::array<int, 26> kLetterCodes = {10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21,
                                              22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33};

constexpr std::array<const char*, 26> kRegionNames = {
    "臺北市", "臺中市", "基隆市", "臺南市", "高雄市", "新北市", "宜蘭縣",       "桃園市", "嘉義市",
    "新竹縣", "苗栗縣", "臺中縣", "南投縣", "彰化縣", "新竹市", "雲林縣",       "嘉義縣", "臺南縣",
    "高雄縣", "屏東縣", "花蓮縣", "臺東縣", "金門縣", "澎湖縣", "陽明山管理局", "連江縣"};

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char to_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The digit value of position 1: a digit, or a legacy second letter counted as its code mod 10.
int second_value(char c) {
  return is_digit(c) ? c - '0' : kLetterCodes[static_cast<size_t>(c - 'A')] % 10;
}

// Weighted sum of the first nine characters (letter code, position 1, digits 2..8): the check
// digit makes sum + d9 ≡ 0 (mod 10). Characters must already be validated.
int weighted_sum_without_check(std::string_view s) {
  const int code = kLetterCodes[static_cast<size_t>(s[0] - 'A')];
  int sum = (code / 10) * 1 + (code % 10) * 9 + second_value(s[1]) * 8;
  for (size_t i = 2; i <= 8; ++i) sum += (s[i] - '0') * static_cast<int>(9 - i);
  return sum;
}

char check_digit_for(std::string_view first_nine) {
  return static_cast<char>('0' + (10 - weighted_sum_without_check(first_nine) % 10) % 10);
}

Error id_error(const std::string& code, const std::string& zh, const std::string& en) {
  return Error::invalid("id_number." + code, "統一編號錯誤：" + zh, "invalid ID number: " + en);
}

}  // namespace

Result<IdNumber> IdNumber::parse(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  if (text.empty()) return id_error("empty", "未填寫", "it is empty");
  if (text.size() != 10) {
    return id_error(
        "length",
        "須為 1 個英文字母加 9 位數字，共 10 碼，此為 " + std::to_string(text.size()) + " 碼",
        "it must be 1 letter and 9 digits, 10 characters in all, not " +
            std::to_string(text.size()));
  }
  std::string s(text);
  for (char& c : s) c = to_upper(c);
  if (!is_upper(s[0])) {
    return id_error("letter", "第 1 碼須為英文字母 A–Z",
                    "the first character must be a letter A-Z");
  }
  if (!is_digit(s[1])) {
    if (!(s[1] >= 'A' && s[1] <= 'D')) {
      return id_error("second_letter", "第 2 碼須為數字，或舊式居留證號的英文字母 A–D",
                      "the second character must be a digit, or A-D for an old-style resident "
                      "number");
    }
  }
  for (size_t i = 2; i < 10; ++i) {
    if (!is_digit(s[i])) {
      return id_error("digits", "第 3 至 10 碼須為數字", "characters 3 to 10 must be digits");
    }
  }
  if (is_digit(s[1]) && s[1] != '1' && s[1] != '2' && s[1] != '8' && s[1] != '9') {
    return id_error(
        "sex_digit",
        "第 2 碼須為 1、2（國民）或 8、9（外來人口居留證），此為 " + std::string(1, s[1]),
        "the first digit must be 1 or 2 (citizen) or 8 or 9 (resident), not " +
            std::string(1, s[1]));
  }
  if (check_digit_for(s) != s[9]) {
    return id_error("checksum", "檢查碼錯誤，可能有字元輸入錯誤",
                    "check digit does not match; a character may be mistyped");
  }
  return IdNumber(std::move(s));
}

IdNumber IdNumber::make(char letter, int first_digit, uint32_t serial7) {
  letter = to_upper(letter);
  if (!is_upper(letter)) throw std::invalid_argument("IdNumber::make: letter must be A-Z");
  if (first_digit != 1 && first_digit != 2 && first_digit != 8 && first_digit != 9) {
    throw std::invalid_argument("IdNumber::make: first digit must be 1, 2, 8 or 9");
  }
  if (serial7 >= 10'000'000) throw std::invalid_argument("IdNumber::make: serial over 7 digits");
  std::string s(10, '0');
  s[0] = letter;
  s[1] = static_cast<char>('0' + first_digit);
  for (size_t i = 8; i >= 2; --i) {
    s[i] = static_cast<char>('0' + serial7 % 10);
    serial7 /= 10;
  }
  s[9] = check_digit_for(s);
  return IdNumber(std::move(s));
}

IdNumber IdNumber::make_legacy(char letter, char second_letter, uint32_t serial7) {
  letter = to_upper(letter);
  second_letter = to_upper(second_letter);
  if (!is_upper(letter)) throw std::invalid_argument("IdNumber::make_legacy: letter must be A-Z");
  if (second_letter < 'A' || second_letter > 'D') {
    throw std::invalid_argument("IdNumber::make_legacy: second letter must be A-D");
  }
  if (serial7 >= 10'000'000) {
    throw std::invalid_argument("IdNumber::make_legacy: serial over 7 digits");
  }
  std::string s(10, '0');
  s[0] = letter;
  s[1] = second_letter;
  for (size_t i = 8; i >= 2; --i) {
    s[i] = static_cast<char>('0' + serial7 % 10);
    serial7 /= 10;
  }
  s[9] = check_digit_for(s);
  return IdNumber(std::move(s));
}

IdKind IdNumber::kind() const {
  return legacy_resident() || text_[1] == '8' || text_[1] == '9' ? IdKind::kResident
                                                                 : IdKind::kCitizen;
}

Sex IdNumber::sex() const {
  switch (text_[1]) {
    case '1':
    case '8':
    case 'A':
    case 'C': return Sex::kMale;
    default: return Sex::kFemale;
  }
}

const char* IdNumber::region_name(char letter) {
  letter = to_upper(letter);
  if (!is_upper(letter)) return nullptr;
  return kRegionNames[static_cast<size_t>(letter - 'A')];
}

}  // namespace huji::core
