#include "domain/queue/queue_stats.h"

#include <gtest/gtest.h>

#include "core/clock.h"

namespace huji::domain::queue {
namespace {

constexpr int64_t kMin = 60'000;

// 08:00 in Taipei on 2026-12-04: the hand-worked day starts here.
int64_t at(int minutes) {
  const core::Date d = core::Date::from_ymd(2026, 12, 4).value();
  return core::taipei_day_start_ms(d) + int64_t{8} * 60 * kMin + minutes * kMin;
}

// One ticket of the hand-worked day, as its row and as its history.
struct Spec {
  int64_t id;
  std::string service;
  int arrived;
  int called = -1;  // minutes; -1: never
  std::string counter;
  std::string clerk;
  int finished = -1;
  std::string end = kDone;  // done | no_show | cancelled | called
  int ready = -1;           // an appointment's slot
};

Ticket row_of(const Spec& s) {
  Ticket t;
  t.id = s.id;
  t.service = s.service;
  t.issued_service = s.service;
  t.status = s.end;
  t.arrived_ms = at(s.arrived);
  t.ready_ms = s.ready >= 0 ? at(s.ready) : t.arrived_ms;
  if (s.ready >= 0) t.appointment_id = s.id;
  if (s.called >= 0) {
    t.calls = 1;
    t.called_ms = at(s.called);
    t.counter = s.counter;
    t.called_by = s.clerk;
  }
  if (s.finished >= 0) t.finished_ms = at(s.finished);
  return t;
}

// The steps the queue service would have written for the spec.
std::vector<Step> steps_of(const Spec& s) {
  std::vector<Step> out = {{s.id, "issue", "", "kiosk", at(s.arrived), s.service}};
  if (s.called >= 0) out.push_back({s.id, "call", s.counter, s.clerk, at(s.called), ""});
  if (s.finished >= 0) out.push_back({s.id, "finish", s.counter, s.clerk, at(s.finished), ""});
  if (s.end == kNoShow) out.push_back({s.id, "no_show", s.counter, s.clerk, at(s.called + 5), ""});
  if (s.end == kCancelled) out.push_back({s.id, "cancel", "", "kiosk", at(s.arrived + 1), ""});
  return out;
}

// The hand-worked day (minutes after 08:00):
//   id service      arrived called counter clerk finished  wait service-time
//   1  registration    0       5     1      a      15        5     10
//   2  registration    2      15     3      a      21       13      6
//   3  transcript      3       4     2      b       7        1      3
//   4  transcript     10      35     2      b    no-show    25      —
//   5  transcript     20      33     2      b      40       13      7   appointment, slot 30
//   6  registration   61       —     —      —   cancelled    —      —
//   7  registration   38      50     1      a      58       12      8   appointment, slot 40
std::vector<Spec> day() {
  return {{1, "registration", 0, 5, "1", "a", 15},
          {2, "registration", 2, 15, "3", "a", 21},
          {3, "transcript", 3, 4, "2", "b", 7},
          {4, "transcript", 10, 35, "2", "b", -1, kNoShow},
          {5, "transcript", 20, 33, "2", "b", 40, kDone, 30},
          {6, "registration", 61, -1, "", "", -1, kCancelled},
          {7, "registration", 38, 50, "1", "a", 58, kDone, 40}};
}

std::vector<Ticket> rows_of(const std::vector<Spec>& specs) {
  std::vector<Ticket> out;
  out.reserve(specs.size());
  for (const auto& s : specs) out.push_back(row_of(s));
  return out;
}

std::vector<Step> history_of(const std::vector<Spec>& specs) {
  std::vector<Step> out;
  for (const auto& s : specs) {
    auto steps = steps_of(s);
    out.insert(out.end(), steps.begin(), steps.end());
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Step& a, const Step& b) { return a.at_ms < b.at_ms; });
  return out;
}

const GroupStats& group(const std::vector<GroupStats>& gs, const std::string& key) {
  for (const auto& g : gs) {
    if (g.key == key) return g;
  }
  ADD_FAILURE() << "no group " << key;
  static const GroupStats none;
  return none;
}

TEST(QueueStatsTest, PercentileIsNearestRank) {
  std::vector<int64_t> v = {25, 1, 13, 5, 12, 13};
  EXPECT_EQ(percentile(v, 50), 12);  // rank ⌈3⌉ of 1 5 12 13 13 25
  EXPECT_EQ(percentile(v, 90), 25);  // rank ⌈5.4⌉ = 6
  std::vector<int64_t> one = {7};
  EXPECT_EQ(percentile(one, 90), 7);
  std::vector<int64_t> none;
  EXPECT_FALSE(percentile(none, 50));
}

TEST(QueueStatsTest, HandWorkedDay) {
  const QueueStats st = compute_stats(facts_of_rows(rows_of(day())), StatsOptions{});
  EXPECT_EQ(st.issued, 7);
  EXPECT_EQ(st.called, 6);
  EXPECT_EQ(st.served, 5);
  EXPECT_EQ(st.no_shows, 1);
  EXPECT_EQ(st.cancelled, 1);
  // Waits 1 5 12 13 13 25: median the 3rd, p90 the 6th.
  EXPECT_EQ(st.wait.median_ms, 12 * kMin);
  EXPECT_EQ(st.wait.p90_ms, 25 * kMin);
  // Service times 3 6 7 8 10: median the 3rd, p90 the ⌈4.5⌉ = 5th.
  EXPECT_EQ(st.service_time.count, 5);
  EXPECT_EQ(st.service_time.median_ms, 7 * kMin);
  EXPECT_EQ(st.service_time.p90_ms, 10 * kMin);
  // 5 of 6 within 20 minutes: 83 % against the 80 % target.
  EXPECT_EQ(st.within_target, 5);
  EXPECT_DOUBLE_EQ(*st.within_target_share, 5.0 / 6);
  EXPECT_TRUE(st.target_met);
  EXPECT_DOUBLE_EQ(*st.no_show_share, 1.0 / 6);
  // Ticket 5 called 3 minutes after its slot (on time), ticket 7 10 minutes after (late).
  EXPECT_EQ(st.appointments_called, 2);
  EXPECT_EQ(st.appointments_on_time, 1);
  EXPECT_EQ(st.arrivals_by_hour[8], 6);
  EXPECT_EQ(st.arrivals_by_hour[9], 1);
  EXPECT_EQ(st.arrivals_by_hour[7], 0);

  const GroupStats& reg = group(st.by_service, "registration");
  EXPECT_EQ(reg.called, 3);  // waits 5 12 13, service 6 8 10
  EXPECT_EQ(reg.wait.median_ms, 12 * kMin);
  EXPECT_EQ(reg.wait.p90_ms, 13 * kMin);
  EXPECT_EQ(reg.service_time.median_ms, 8 * kMin);
  EXPECT_EQ(reg.within_target, 3);
  const GroupStats& tr = group(st.by_service, "transcript");
  EXPECT_EQ(tr.wait.median_ms, 13 * kMin);  // waits 1 13 25
  EXPECT_EQ(tr.wait.p90_ms, 25 * kMin);
  EXPECT_EQ(tr.service_time.median_ms, 3 * kMin);  // service 3 7: the 1st
  EXPECT_EQ(tr.service_time.p90_ms, 7 * kMin);
  EXPECT_EQ(tr.no_shows, 1);
  const GroupStats& c1 = group(st.by_counter, "1");
  EXPECT_EQ(c1.wait.median_ms, 5 * kMin);  // waits 5 12
  EXPECT_EQ(c1.wait.p90_ms, 12 * kMin);
  EXPECT_EQ(group(st.by_counter, "3").wait.median_ms, 13 * kMin);
  EXPECT_EQ(group(st.by_clerk, "a").called, 3);
  EXPECT_EQ(group(st.by_clerk, "b").service_time.median_ms, 3 * kMin);
  EXPECT_EQ(st.by_counter.size(), 3U);
}

TEST(QueueStatsTest, TargetMissedAndStricterPunctuality) {
  StatsOptions o;
  o.target_wait_min = 12;  // waits 1 5 12 within: 3 of 6 = 50 %
  o.punctual_within_min = 2;
  const QueueStats st = compute_stats(facts_of_rows(rows_of(day())), o);
  EXPECT_EQ(st.within_target, 3);
  EXPECT_FALSE(st.target_met);
  EXPECT_EQ(st.appointments_on_time, 0);
}

void expect_same(const Spread& a, const Spread& b) {
  EXPECT_EQ(a.count, b.count);
  EXPECT_EQ(a.median_ms, b.median_ms);
  EXPECT_EQ(a.p90_ms, b.p90_ms);
}

void expect_same_groups(const std::vector<GroupStats>& a, const std::vector<GroupStats>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].key, b[i].key);
    expect_same(a[i].wait, b[i].wait);
    expect_same(a[i].service_time, b[i].service_time);
    EXPECT_EQ(a[i].within_target, b[i].within_target);
    EXPECT_EQ(a[i].no_shows, b[i].no_shows);
  }
}

TEST(QueueStatsTest, HistoryGivesTheRowsFigures) {
  const auto specs = day();
  const QueueStats rows = compute_stats(facts_of_rows(rows_of(specs)), StatsOptions{});
  const QueueStats hist =
      compute_stats(facts_of_history(rows_of(specs), history_of(specs)), StatsOptions{});
  EXPECT_EQ(hist.issued, rows.issued);
  EXPECT_EQ(hist.called, rows.called);
  EXPECT_EQ(hist.served, rows.served);
  EXPECT_EQ(hist.no_shows, rows.no_shows);
  EXPECT_EQ(hist.cancelled, rows.cancelled);
  EXPECT_EQ(hist.within_target, rows.within_target);
  EXPECT_EQ(hist.appointments_on_time, rows.appointments_on_time);
  EXPECT_EQ(hist.arrivals_by_hour, rows.arrivals_by_hour);
  expect_same(hist.wait, rows.wait);
  expect_same(hist.service_time, rows.service_time);
  expect_same_groups(hist.by_service, rows.by_service);
  expect_same_groups(hist.by_counter, rows.by_counter);
  expect_same_groups(hist.by_clerk, rows.by_clerk);
}

TEST(QueueStatsTest, HistoryMeasuresWaitToTheFirstCall) {
  // Arrived 0, called 5 at counter 1, recalled 6, transferred at 8 to transcript, called 12 at
  // counter 2 by b, finished 20. The row keeps only the last call (12).
  Ticket t = row_of({1, "transcript", 0, 12, "2", "b", 20});
  t.issued_service = "registration";
  t.calls = 3;
  const std::vector<Step> steps = {{1, "issue", "", "kiosk", at(0), "registration"},
                                   {1, "call", "1", "a", at(5), ""},
                                   {1, "recall", "1", "a", at(6), ""},
                                   {1, "transfer", "1", "a", at(8), "transcript"},
                                   {1, "call", "2", "b", at(12), ""},
                                   {1, "finish", "2", "b", at(20), ""}};
  const auto facts = facts_of_history({t}, steps);
  ASSERT_EQ(facts.size(), 1U);
  EXPECT_EQ(facts[0].first_called_ms - facts[0].arrived_ms, 5 * kMin);
  EXPECT_EQ(facts[0].finished_ms - facts[0].served_from_ms, 8 * kMin);
  EXPECT_EQ(facts[0].service, "transcript");
  EXPECT_EQ(facts[0].counter, "2");
  EXPECT_EQ(facts[0].clerk, "b");
  const auto row = facts_of_rows({t});
  EXPECT_EQ(row[0].first_called_ms - row[0].arrived_ms, 12 * kMin);
}

TEST(QueueStatsTest, NothingCalled) {
  const QueueStats st = compute_stats({}, StatsOptions{});
  EXPECT_EQ(st.issued, 0);
  EXPECT_FALSE(st.wait.median_ms);
  EXPECT_FALSE(st.within_target_share);
  EXPECT_FALSE(st.target_met);
  EXPECT_TRUE(st.by_service.empty());
}

}  // namespace
}  // namespace huji::domain::queue
