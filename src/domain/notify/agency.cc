#include "domain/notify/agency.h"

#include <algorithm>

#include "domain/register/model.h"

namespace huji::domain::notify {

namespace {

core::Error bad(const std::string& code, const std::string& zh, const std::string& en) {
  return core::Error::invalid("agency." + code, zh, en);
}

bool is_code(const std::string& s) {
  if (s.size() < 2 || s.size() > 32) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_base64(const std::string& s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/' || c == '=';
  });
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

const char* channel_code(Channel c) { return c == Channel::kWebhook ? "webhook" : "file"; }

std::optional<Channel> channel_from_code(const std::string& code) {
  if (code == "webhook") return Channel::kWebhook;
  if (code == "file") return Channel::kFileDrop;
  return std::nullopt;
}

bool Agency::receives(const std::string& type) const { return contains(types, type); }

const std::vector<std::string>& notifiable_types() {
  static const std::vector<std::string> kTypes = {"move_in",
                                                  "address_change",
                                                  "birth_date_correction",
                                                  "id_number_change",
                                                  "name_change",
                                                  "name_correction",
                                                  "birth",
                                                  "death",
                                                  "first_registration",
                                                  "marriage"};
  return kTypes;
}

bool is_notifiable(const std::string& type) { return contains(notifiable_types(), type); }

const std::vector<std::string>& payload_fields() {
  static const std::vector<std::string> kFields = {
      "id_number",   "previous_id_number", "name",           "sex",
      "birth_date",  "birth_place",        "address",        "household_no",
      "status",      "removal_reason",     "death_date",     "spouse_id",
      "spouse_name", "father_id",          "mother_id",      "father_name",
      "mother_name", "relation",           "birth_date_roc", "birth_order",
      "indigenous",  "event_date"};
  return kFields;
}

core::Status validate(const Agency& a) {
  if (!is_code(a.code)) {
    return bad("code", "機關代碼須為 2–32 個小寫英文字母、數字或底線",
               "code must be 2-32 lower-case letters, digits or underscores");
  }
  if (!a.group.empty() && !is_code(a.group)) {
    return bad("group", "機關群組代碼格式錯誤", "group must be a code like the agency's");
  }
  if (a.name_zh.empty() || a.name_en.empty() || a.name_zh.size() > 200 || a.name_en.size() > 200) {
    return bad("name", "須填機關中文及英文名稱（各 200 字元內）",
               "name_zh and name_en are required (200 characters at most)");
  }
  if (a.channel == Channel::kWebhook) {
    const bool http = a.url.rfind("http://", 0) == 0 || a.url.rfind("https://", 0) == 0;
    if (!http || a.url.size() < 10 || a.url.size() > 2000 ||
        a.url.find_first_of(" \t\r\n") != std::string::npos) {
      return bad("url", "通報網址須為 http:// 或 https:// 開頭的網址",
                 "url must be an http:// or https:// address");
    }
    // No user:password@ in the authority: every staff member may read an agency's URL.
    const size_t start = a.url.find("//") + 2;
    const size_t end = a.url.find_first_of("/?#", start);
    if (a.url.substr(start, end == std::string::npos ? end : end - start).find('@') !=
        std::string::npos) {
      return bad("url", "通報網址不得含帳號密碼", "url must not carry a user name or password");
    }
  } else if (a.url.empty() || a.url.front() != '/' || a.url.size() > 1000 ||
             (a.url + "/").find("/../") != std::string::npos ||
             (a.url + "/").find("/./") != std::string::npos) {
    return bad("url", "檔案交換目錄須為絕對路徑（不含 . 或 ..）",
               "a file drop's url must be an absolute directory without . or .. parts");
  }
  for (const std::string* s : {&a.secret, &a.previous_secret}) {
    if (s == &a.previous_secret && s->empty()) continue;
    if (s->rfind("whsec_", 0) != 0 || !is_base64(s->substr(6)) || s->size() < 6 + 32 ||
        s->size() > 6 + 200) {
      return bad("secret", "金鑰須為 whsec_ 開頭之 base64（至少 24 位元組）",
                 "secret must be whsec_ followed by base64 of at least 24 bytes");
    }
  }
  if (!a.signing_key.empty() &&
      (a.signing_key.rfind("whsk_", 0) != 0 || !is_base64(a.signing_key.substr(5)))) {
    return bad("signing_key", "簽章私鑰須為 whsk_ 開頭之 base64",
               "signing_key must be whsk_ followed by base64");
  }
  if (a.types.empty()) {
    return bad("types", "須指定至少一種接收之登記類別",
               "types must name at least one registration type");
  }
  for (const auto& t : a.types) {
    if (std::count(a.types.begin(), a.types.end(), t) > 1) {
      return bad("types", "登記類別重複：" + t, "type named twice: " + t);
    }
    if (!event_type_from_code(t) || t == "revocation" || t == "conversion") {
      return bad("types", "不明之登記類別：" + t, "unknown registration type: " + t);
    }
  }
  if (a.fields.empty()) {
    return bad("fields", "須指定至少一個可提供之欄位", "fields must name at least one field");
  }
  for (const auto& f : a.fields) {
    if (std::count(a.fields.begin(), a.fields.end(), f) > 1) {
      return bad("fields", "欄位重複：" + f, "field named twice: " + f);
    }
    if (!contains(payload_fields(), f)) {
      return bad("fields", "不明之欄位：" + f, "unknown field: " + f);
    }
  }
  return {};
}

std::map<std::string, std::string> minimise(const Agency& a,
                                            const std::map<std::string, std::string>& all) {
  std::map<std::string, std::string> out;
  for (const auto& f : payload_fields()) {
    if (!contains(a.fields, f)) continue;
    auto it = all.find(f);
    if (it != all.end()) out[f] = it->second;
  }
  return out;
}

}  // namespace huji::domain::notify
