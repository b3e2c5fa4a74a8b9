#ifndef HUJI_STORE_SQL_QUEUE_ROWS_H_
#define HUJI_STORE_SQL_QUEUE_ROWS_H_

// service::QueueTx over the queue tables (store/sql/queue.h).

#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"
#include "store/sql/queue.h"

namespace huji::store::sql {

template <class Core>
class QueueRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Status put_queue_service(const std::string& office,
                                 const domain::queue::Service& s) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kPutService));
    return st.bind(1, office)
        .bind(2, s.code)
        .bind(3, s.name_zh)
        .bind(4, s.name_en)
        .bind(5, s.number_base)
        .bind(6, s.sort)
        .bind(7, s.active)
        .run();
  }

  core::Result<std::vector<domain::queue::Service>> queue_services(
      const std::string& office) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kServices));
    st.bind(1, office);
    return collect_rows<domain::queue::Service>(st, queue::read_service<Statement>);
  }

  core::Status put_counter(const std::string& office, const domain::queue::Counter& c) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kPutCounter));
    return st.bind(1, office)
        .bind(2, c.id)
        .bind(3, c.name_zh)
        .bind(4, c.name_en)
        .bind(5, queue::join_codes(c.services))
        .bind(6, c.open)
        .bind(7, c.sort)
        .run();
  }

  core::Result<std::vector<domain::queue::Counter>> counters(const std::string& office) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kCounters));
    st.bind(1, office);
    return collect_rows<domain::queue::Counter>(st, queue::read_counter<Statement>);
  }

  core::Result<std::string> queue_policy_text(const std::string& office) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kPolicy));
    st.bind(1, office);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    return row ? st.text(0) : std::string();
  }

  core::Status put_queue_policy_text(const std::string& office, const std::string& text,
                                     const std::string& by, int64_t at_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kPutPolicy));
    return st.bind(1, office).bind(2, text).bind(3, by).bind(4, at_ms).run();
  }

  core::Result<int> last_daily_no(const std::string& office, core::Date day,
                                  const std::string& issued_service) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kLastDailyNo));
    st.bind(1, office).bind(2, day.to_iso()).bind(3, issued_service);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    return row ? static_cast<int>(st.int64(0)) : 0;
  }

  core::Result<int64_t> insert_ticket(const domain::queue::Ticket& t) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kInsertTicket));
    queue::bind_ticket(st, t);
    return returned_id(st);
  }

  core::Result<std::optional<domain::queue::Ticket>> find_ticket(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kTicketById));
    st.bind(1, id);
    return first_row<domain::queue::Ticket>(st, queue::read_ticket<Statement>);
  }

  core::Result<bool> update_ticket(const domain::queue::Ticket& t) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kUpdateTicket));
    HUJI_TRY(queue::bind_ticket(st, t).bind(25, t.id).run());
    return st.affected() == 1;
  }

  core::Result<std::vector<domain::queue::Ticket>> tickets_of_day(
      const std::string& office, core::Date day, const std::string& status) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kTicketsOfDay));
    st.bind(1, office).bind(2, day.to_iso()).bind(3, status);
    return collect_rows<domain::queue::Ticket>(st, queue::read_ticket<Statement>);
  }

  core::Result<std::vector<domain::queue::Ticket>> latest_calls(const std::string& office,
                                                                core::Date day,
                                                                int limit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kLatestCalls));
    st.bind(1, office).bind(2, day.to_iso()).bind(3, limit);
    return collect_rows<domain::queue::Ticket>(st, queue::read_ticket<Statement>);
  }

  core::Result<int64_t> last_call_seq(const std::string& office, core::Date day) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kLastCallSeq));
    st.bind(1, office).bind(2, day.to_iso());
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    return row ? st.int64(0) : 0;
  }

  core::Result<int64_t> append_queue_event(const service::QueueEvent& e) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kAppendEvent));
    st.bind(1, e.office_code)
        .bind(2, e.ticket_id)
        .bind(3, e.kind)
        .bind(4, e.counter)
        .bind(5, e.actor)
        .bind(6, e.at_ms)
        .bind(7, e.display_seq)
        .bind(8, e.detail);
    return returned_id(st);
  }

  core::Result<int64_t> last_display_seq(const std::string& office) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kLastDisplaySeq));
    st.bind(1, office);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    return row ? st.int64(0) : 0;
  }

  core::Result<std::vector<service::QueueEvent>> display_events_after(const std::string& office,
                                                                      int64_t after,
                                                                      int limit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kDisplayAfter));
    st.bind(1, office).bind(2, after).bind(3, limit);
    return collect_rows<service::QueueEvent>(st, queue::read_event<Statement>);
  }

  core::Result<std::vector<service::QueueEvent>> queue_events_between(const std::string& office,
                                                                      int64_t from_ms,
                                                                      int64_t to_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kEventsBetween));
    st.bind(1, office).bind(2, from_ms).bind(3, to_ms);
    return collect_rows<service::QueueEvent>(st, queue::read_event<Statement>);
  }

  core::Result<std::vector<service::QueueEvent>> queue_events_of_ticket(
      int64_t ticket_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kEventsOfTicket));
    st.bind(1, ticket_id);
    return collect_rows<service::QueueEvent>(st, queue::read_event<Statement>);
  }

  core::Status put_voice_clip(const service::VoiceClip& c) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kPutVoiceClip));
    return st.bind(1, c.office_code)
        .bind(2, c.lang)
        .bind(3, c.phrase)
        .bind_blob(4, c.wav)
        .bind(5, c.uploaded_by)
        .bind(6, c.uploaded_ms)
        .run();
  }

  core::Result<bool> delete_voice_clip(const std::string& office, const std::string& lang,
                                       const std::string& phrase) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(queue::kDeleteVoiceClip));
    HUJI_TRY(st.bind(1, office).bind(2, lang).bind(3, phrase).run());
    return st.affected() == 1;
  }

  core::Result<std::vector<service::VoiceClip>> voice_clips(const std::string& office,
                                                            const std::string& lang,
                                                            bool with_wav) override {
    HUJI_ASSIGN_OR_RETURN(auto st,
                          this->prep(with_wav ? queue::kVoiceClipWavs : queue::kVoiceClips));
    st.bind(1, office).bind(2, lang);
    return collect_rows<service::VoiceClip>(
        st, [with_wav](const Statement& s) -> core::Result<service::VoiceClip> {
          service::VoiceClip c;
          c.office_code = s.text(0);
          c.lang = s.text(1);
          c.phrase = s.text(2);
          c.bytes = s.int64(3);
          c.uploaded_by = s.text(4);
          c.uploaded_ms = s.int64(5);
          if (with_wav) c.wav = s.blob(6);
          return c;
        });
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_QUEUE_ROWS_H_
