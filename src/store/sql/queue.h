#ifndef HUJI_STORE_SQL_QUEUE_H_
#define HUJI_STORE_SQL_QUEUE_H_

// Tables queue_services, queue_counters, queue_settings, queue_tickets and queue_events: the
// counter queue (issue 20; service/queue_records.h, domain/queue/queue.h).

#include <sstream>
#include <string>
#include <vector>

#include "domain/queue/queue.h"
#include "service/queue_records.h"
#include "store/sql/common.h"

namespace huji::store::sql::queue {

inline const std::string kPutVoiceClip =
    "INSERT INTO queue_voice_clips (office_code, lang, phrase, wav, uploaded_by, uploaded_ms) "
    "VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (office_code, lang, phrase) DO UPDATE SET "
    "wav = excluded.wav, uploaded_by = excluded.uploaded_by, uploaded_ms = excluded.uploaded_ms";
inline const std::string kDeleteVoiceClip =
    "DELETE FROM queue_voice_clips WHERE office_code = $1 AND lang = $2 AND phrase = $3";
// The clips of an office and ($2, or "" all) language, without and with their bytes.
inline const std::string kVoiceClips =
    "SELECT office_code, lang, phrase, length(wav), uploaded_by, uploaded_ms "
    "FROM queue_voice_clips WHERE office_code = $1 AND ($2 = '' OR lang = $2) "
    "ORDER BY lang, phrase";
inline const std::string kVoiceClipWavs =
    "SELECT office_code, lang, phrase, length(wav), uploaded_by, uploaded_ms, wav "
    "FROM queue_voice_clips WHERE office_code = $1 AND ($2 = '' OR lang = $2) "
    "ORDER BY lang, phrase";

inline const std::string kPutService =
    "INSERT INTO queue_services (office_code, code, name_zh, name_en, number_base, sort, active) "
    "VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (office_code, code) DO UPDATE SET "
    "name_zh = excluded.name_zh, name_en = excluded.name_en, number_base = excluded.number_base, "
    "sort = excluded.sort, active = excluded.active";
inline const std::string kServices =
    "SELECT code, name_zh, name_en, number_base, sort, active FROM queue_services "
    "WHERE office_code = $1 ORDER BY sort, code";
inline const std::string kPutCounter =
    "INSERT INTO queue_counters (office_code, id, name_zh, name_en, services, open, sort) "
    "VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (office_code, id) DO UPDATE SET "
    "name_zh = excluded.name_zh, name_en = excluded.name_en, services = excluded.services, "
    "open = excluded.open, sort = excluded.sort";
inline const std::string kCounters =
    "SELECT id, name_zh, name_en, services, open, sort FROM queue_counters "
    "WHERE office_code = $1 ORDER BY sort, id";
inline const std::string kPolicy = "SELECT policy FROM queue_settings WHERE office_code = $1";
inline const std::string kPutPolicy =
    "INSERT INTO queue_settings (office_code, policy, updated_by, updated_ms) VALUES ($1,$2,$3,$4) "
    "ON CONFLICT (office_code) DO UPDATE SET policy = excluded.policy, "
    "updated_by = excluded.updated_by, updated_ms = excluded.updated_ms";

// Every ticket column but id, in the order bind_ticket() binds them.
inline constexpr const char* kTicketFields =
    "office_code, day, service, issued_service, daily_no, number, priority, priority_reason, "
    "source, status, arrived_ms, ready_ms, called_ms, counter, called_by, calls, overtaken, "
    "call_seq, finished_ms, outcome, link, appointment_id, estimated_wait_min, version";
inline const std::string kInsertTicket =
    join({"INSERT INTO queue_tickets (", kTicketFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,"
          "$22,$23,$24) RETURNING id"});
inline const std::string kTicketById =
    join({"SELECT id, ", kTicketFields, " FROM queue_tickets WHERE id = $1"});
// $25 the id: only if the stored version is one less.
inline const std::string kUpdateTicket =
    "UPDATE queue_tickets SET office_code=$1, day=$2, service=$3, issued_service=$4, "
    "daily_no=$5, number=$6, priority=$7, priority_reason=$8, source=$9, status=$10, "
    "arrived_ms=$11, ready_ms=$12, called_ms=$13, counter=$14, called_by=$15, calls=$16, "
    "overtaken=$17, call_seq=$18, finished_ms=$19, outcome=$20, link=$21, appointment_id=$22, "
    "estimated_wait_min=$23, version=$24 WHERE id = $25 AND version = $24 - 1";
inline const std::string kTicketsOfDay =
    join({"SELECT id, ", kTicketFields,
          " FROM queue_tickets WHERE office_code = $1 AND day = $2 AND ($3 = '' OR status = $3) "
          "ORDER BY id"});
inline const std::string kLatestCalls =
    join({"SELECT id, ", kTicketFields,
          " FROM queue_tickets WHERE office_code = $1 AND day = $2 AND call_seq > 0 "
          "ORDER BY call_seq DESC LIMIT $3"});
inline const std::string kLastCallSeq =
    "SELECT COALESCE(MAX(call_seq), 0) FROM queue_tickets WHERE office_code = $1 AND day = $2";
inline const std::string kLastDailyNo =
    "SELECT COALESCE(MAX(daily_no), 0) FROM queue_tickets WHERE office_code = $1 AND day = $2 "
    "AND issued_service = $3";

inline constexpr const char* kEventFields =
    "office_code, ticket_id, kind, counter, actor, at_ms, display_seq, detail";
inline const std::string kAppendEvent = join({"INSERT INTO queue_events (", kEventFields,
                                              ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id"});
inline const std::string kLastDisplaySeq =
    "SELECT COALESCE(MAX(display_seq), 0) FROM queue_events WHERE office_code = $1";
inline const std::string kDisplayAfter =
    join({"SELECT id, ", kEventFields,
          " FROM queue_events WHERE office_code = $1 AND display_seq > $2 AND display_seq > 0 "
          "ORDER BY display_seq "
          "LIMIT $3"});
inline const std::string kEventsBetween =
    join({"SELECT id, ", kEventFields,
          " FROM queue_events WHERE office_code = $1 AND at_ms >= $2 AND at_ms < $3 ORDER BY id"});
inline const std::string kEventsOfTicket =
    join({"SELECT id, ", kEventFields, " FROM queue_events WHERE ticket_id = $1 ORDER BY id"});

inline std::string join_codes(const std::vector<std::string>& codes) {
  std::string s;
  for (const auto& c : codes) {
    if (!s.empty()) s += ',';
    s += c;
  }
  return s;
}

inline std::vector<std::string> split_codes(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

template <typename Statement>
core::Result<domain::queue::Service> read_service(const Statement& st) {
  domain::queue::Service s;
  s.code = st.text(0);
  s.name_zh = st.text(1);
  s.name_en = st.text(2);
  s.number_base = static_cast<int>(st.int64(3));
  s.sort = static_cast<int>(st.int64(4));
  s.active = st.boolean(5);
  return s;
}

template <typename Statement>
core::Result<domain::queue::Counter> read_counter(const Statement& st) {
  domain::queue::Counter c;
  c.id = st.text(0);
  c.name_zh = st.text(1);
  c.name_en = st.text(2);
  c.services = split_codes(st.text(3));
  c.open = st.boolean(4);
  c.sort = static_cast<int>(st.int64(5));
  return c;
}

template <typename Statement>
Statement& bind_ticket(Statement& st, const domain::queue::Ticket& t) {
  return st.bind(1, t.office_code)
      .bind(2, t.day.to_iso())
      .bind(3, t.service)
      .bind(4, t.issued_service)
      .bind(5, int64_t{t.daily_no})
      .bind(6, int64_t{t.number})
      .bind(7, t.priority)
      .bind(8, t.priority_reason)
      .bind(9, t.source)
      .bind(10, t.status)
      .bind(11, t.arrived_ms)
      .bind(12, t.ready_ms)
      .bind(13, t.called_ms)
      .bind(14, t.counter)
      .bind(15, t.called_by)
      .bind(16, int64_t{t.calls})
      .bind(17, int64_t{t.overtaken})
      .bind(18, t.call_seq)
      .bind(19, t.finished_ms)
      .bind(20, t.outcome)
      .bind(21, t.link)
      .bind(22, t.appointment_id)
      .bind(23, int64_t{t.estimated_wait_min})
      .bind(24, t.version);
}

// Reads "id, " + kTicketFields.
template <typename Statement>
core::Result<domain::queue::Ticket> read_ticket(const Statement& st) {
  domain::queue::Ticket t;
  t.id = st.int64(0);
  t.office_code = st.text(1);
  HUJI_ASSIGN_OR_RETURN(t.day, date_col(st, 2));
  t.service = st.text(3);
  t.issued_service = st.text(4);
  t.daily_no = static_cast<int>(st.int64(5));
  t.number = static_cast<int>(st.int64(6));
  t.priority = st.boolean(7);
  t.priority_reason = st.text(8);
  t.source = st.text(9);
  t.status = st.text(10);
  t.arrived_ms = st.int64(11);
  t.ready_ms = st.int64(12);
  t.called_ms = st.int64(13);
  t.counter = st.text(14);
  t.called_by = st.text(15);
  t.calls = static_cast<int>(st.int64(16));
  t.overtaken = static_cast<int>(st.int64(17));
  t.call_seq = st.int64(18);
  t.finished_ms = st.int64(19);
  t.outcome = st.text(20);
  t.link = st.text(21);
  t.appointment_id = st.int64(22);
  t.estimated_wait_min = static_cast<int>(st.int64(23));
  t.version = st.int64(24);
  return t;
}

// Reads "id, " + kEventFields.
template <typename Statement>
core::Result<service::QueueEvent> read_event(const Statement& st) {
  service::QueueEvent e;
  e.id = st.int64(0);
  e.office_code = st.text(1);
  e.ticket_id = st.int64(2);
  e.kind = st.text(3);
  e.counter = st.text(4);
  e.actor = st.text(5);
  e.at_ms = st.int64(6);
  e.display_seq = st.int64(7);
  e.detail = st.text(8);
  return e;
}

}  // namespace huji::store::sql::queue

#endif  // HUJI_STORE_SQL_QUEUE_H_
