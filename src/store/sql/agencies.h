#ifndef HUJI_STORE_SQL_AGENCIES_H_
#define HUJI_STORE_SQL_AGENCIES_H_

// Table agencies: partner agencies of cross-agency notification (domain/notify/agency.h).
// Types and fields are stored as JSON arrays of text.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/notify/agency.h"
#include "store/sql/common.h"

namespace huji::store::sql::agencies {

// Every column but code, in the order bind() binds them ($2 …).
inline constexpr const char* kFields =
    "name_zh, name_en, grp, channel, url, secret, previous_secret, signing_key, types, fields, "
    "active, disabled_reason, paused_until_ms, version, updated_ms, updated_by";
inline const std::string kInsert =
    join({"INSERT INTO agencies (code, ", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)"});
inline const std::string kUpdate =
    "UPDATE agencies SET name_zh=$2, name_en=$3, grp=$4, channel=$5, url=$6, secret=$7, "
    "previous_secret=$8, signing_key=$9, types=$10, fields=$11, active=$12, "
    "disabled_reason=$13, paused_until_ms=$14, version=$15, updated_ms=$16, updated_by=$17 "
    "WHERE code = $1 AND version = $15 - 1";
inline const std::string kFind = join({"SELECT code, ", kFields, " FROM agencies WHERE code = $1"});
inline const std::string kList = join({"SELECT code, ", kFields, " FROM agencies ORDER BY code"});
inline const std::string kPause = "UPDATE agencies SET paused_until_ms = $2 WHERE code = $1";

inline std::string list_text(const std::vector<std::string>& v) { return nlohmann::json(v).dump(); }

inline core::Result<std::vector<std::string>> list_of(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return corrupt("agencies list " + text);
  std::vector<std::string> out;
  for (const auto& e : j) {
    if (!e.is_string()) return corrupt("agencies list " + text);
    out.push_back(e.get<std::string>());
  }
  return out;
}

template <typename Statement>
Statement& bind(Statement& st, const domain::notify::Agency& a) {
  return st.bind(1, a.code)
      .bind(2, a.name_zh)
      .bind(3, a.name_en)
      .bind(4, a.group)
      .bind(5, std::string(domain::notify::channel_code(a.channel)))
      .bind(6, a.url)
      .bind(7, a.secret)
      .bind(8, a.previous_secret)
      .bind(9, a.signing_key)
      .bind(10, list_text(a.types))
      .bind(11, list_text(a.fields))
      .bind(12, a.active)
      .bind(13, a.disabled_reason)
      .bind(14, a.paused_until_ms)
      .bind(15, a.version)
      .bind(16, a.updated_ms)
      .bind(17, a.updated_by);
}

template <typename Statement>
core::Result<domain::notify::Agency> read(const Statement& st) {
  domain::notify::Agency a;
  a.code = st.text(0);
  a.name_zh = st.text(1);
  a.name_en = st.text(2);
  a.group = st.text(3);
  auto channel = domain::notify::channel_from_code(st.text(4));
  if (!channel) return corrupt("agency channel " + st.text(4));
  a.channel = *channel;
  a.url = st.text(5);
  a.secret = st.text(6);
  a.previous_secret = st.text(7);
  a.signing_key = st.text(8);
  HUJI_ASSIGN_OR_RETURN(a.types, list_of(st.text(9)));
  HUJI_ASSIGN_OR_RETURN(a.fields, list_of(st.text(10)));
  a.active = st.boolean(11);
  a.disabled_reason = st.text(12);
  a.paused_until_ms = st.int64(13);
  a.version = st.int64(14);
  a.updated_ms = st.int64(15);
  a.updated_by = st.text(16);
  return a;
}

}  // namespace huji::store::sql::agencies

#endif  // HUJI_STORE_SQL_AGENCIES_H_
