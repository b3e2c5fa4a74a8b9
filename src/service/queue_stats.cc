#include "service/queue_stats.h"

#include <iterator>

#include <nlohmann/json.hpp>

#include "service/errors.h"

namespace huji::service {

namespace q = domain::queue;

namespace {

// The step the statistics read from a history event: the service of an issue, the target of
// a transfer.
q::Step step_of(const QueueEvent& e) {
  q::Step s{e.ticket_id, e.kind, e.counter, e.actor, e.at_ms, ""};
  if (e.kind != "issue" && e.kind != "transfer") return s;
  const auto detail = nlohmann::json::parse(e.detail, nullptr, false);
  if (!detail.is_object()) return s;
  s.service = detail.value(e.kind == "issue" ? "service" : "to", "");
  return s;
}

}  // namespace

core::Result<QueueStatsReport> QueueStatsService::statistics(const Actor& actor,
                                                             std::optional<core::Date> from,
                                                             std::optional<core::Date> to,
                                                             int punctual_min) {
  if (actor.role != domain::Role::kSupervisor && actor.role != domain::Role::kAdmin) {
    return errors::forbidden("queue.statistics");
  }
  const core::Date today = clock_.today_taipei();
  QueueStatsReport r;
  r.office = actor.office_code;
  r.from = from.value_or(to.value_or(today));
  r.to = to.value_or(r.from);
  if (r.to < r.from) {
    return core::Error::invalid("queue.range", "起日不得晚於迄日", "from must not be after to");
  }
  if (r.to.days_since_epoch() - r.from.days_since_epoch() > 366) {
    return core::Error::invalid("queue.range", "期間至多 367 日",
                                "the period may span at most 367 days");
  }
  if (punctual_min < 0 || punctual_min > 120) {
    return core::Error::invalid("queue.punctual_min", "準時寬限須為 0–120 分鐘",
                                "punctual_min is 0-120 minutes");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(std::string policy_text, tx->queue_policy_text(r.office));
  const q::Policy policy =
      policy_text.empty() ? q::Policy{} : q::parse_policy(policy_text).value_or(q::Policy{});
  r.options.target_wait_min = policy.target_wait_min;
  r.options.target_share_pct = policy.target_share_pct;
  r.options.punctual_within_min = punctual_min;
  std::vector<q::Ticket> tickets;
  for (int64_t d = r.from.days_since_epoch(); d <= r.to.days_since_epoch(); ++d) {
    HUJI_ASSIGN_OR_RETURN(auto day,
                          tx->tickets_of_day(r.office, core::Date::from_days_since_epoch(d), ""));
    tickets.insert(tickets.end(), std::make_move_iterator(day.begin()),
                   std::make_move_iterator(day.end()));
  }
  HUJI_ASSIGN_OR_RETURN(auto events,
                        tx->queue_events_between(r.office, core::taipei_day_start_ms(r.from),
                                                 core::taipei_day_start_ms(r.to) + core::kDayMs));
  std::vector<q::Step> steps;
  steps.reserve(events.size());
  for (const auto& e : events) steps.push_back(step_of(e));
  r.stats = q::compute_stats(q::facts_of_history(tickets, steps), r.options);
  return r;
}

}  // namespace huji::service
