// The delivery worker of cross-agency notification (issue 19) against a fake transport and a
// ManualClock, on SQLite and on PostgreSQL (HUJI_TEST_PG_URL; skipped when unset).

#include "service/notification_worker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "service/notification_service.h"
#include "service/webhook_signature.h"
#include "testing/backend_db.h"

namespace huji::service {
namespace {

using testing::Backend;
using testing::BackendDb;

constexpr int64_t kStart = 1'764'900'000'000;  // 2025-12-05 in ms
constexpr int64_t kHour = 3'600'000;
constexpr char kSecret[] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

DeliveryAnswer answer(int status, const std::string& body = "") {
  DeliveryAnswer a;
  a.http_status = status;
  a.body = body;
  if (status == 0) a.error = "connection refused";
  return a;
}

// Records every message and answers as `respond` says (200 by default); checks each
// signature against the agency's secret.
class FakeTransport : public NotificationTransport {
 public:
  struct Sent {
    std::string agency;
    OutgoingMessage message;
    DeliveryAnswer answer;
  };
  DeliveryAnswer deliver(const domain::notify::Agency& agency, const OutgoingMessage& m) override {
    std::lock_guard lock(mu);
    EXPECT_TRUE(
        webhook::verify({{agency.secret}, {}}, m.message_id, m.timestamp_s, m.payload, m.signature))
        << m.signature;
    DeliveryAnswer a = respond ? respond(m) : answer(200);
    sent.push_back({agency.code, m, a});
    return a;
  }
  std::vector<Sent> sent;
  std::function<DeliveryAnswer(const OutgoingMessage&)> respond;
  std::mutex mu;
};

class NotificationWorkerTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && testing::pg_test_url().empty()) {
      GTEST_SKIP() << testing::kNoPgServer;
    }
    db_ = std::make_unique<BackendDb>(GetParam());
    ASSERT_EQ(db_->error(), "");
    auto tx = db_->store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(tx->put_office({"63000080", "臺北市文山區戶政事務所", "臺北市", "文山區",
                                "臺北市文山區木柵路三段220號"})
                    .ok());
    ApplicationRecord a;
    a.office_code = "63000080";
    a.type = "move_in";
    a.subject_id = "A123456789";
    a.event_date = core::Date::from_ymd(2025, 12, 1).value();
    a.applicant_name = "王小明";
    a.applicant_id = "A123456789";
    a.applicant_relation = "self";
    a.identity_check = "國民身分證";
    a.entered_by = "clerk";
    a.entered_ms = kStart;
    a.deadline = core::Date::from_ymd(2025, 12, 31).value();
    application_ = tx->insert_application(a).value();
    ASSERT_TRUE(tx->insert_agency(agency("tax")).ok());
    ASSERT_TRUE(tx->insert_agency(agency("land")).ok());
    ASSERT_TRUE(tx->commit().ok());
    options_.on_dead = [this](const NotificationRecord& n) { dead_.push_back(n.message_id); };
  }

  static domain::notify::Agency agency(const std::string& code) {
    domain::notify::Agency g;
    g.code = code;
    g.name_zh = code;
    g.name_en = code;
    g.url = "http://127.0.0.1:9/" + code;
    g.secret = kSecret;
    g.types = {"move_in"};
    g.fields = {"name"};
    return g;
  }

  Store& store() { return db_->store(); }

  // A new outbox row for `person` at `agency`, due now; its id.
  int64_t add(const std::string& person, const std::string& agency = "tax") {
    NotificationRecord n;
    n.message_id = "msg_" + std::to_string(++count_) + "_" + agency + "_registration";
    n.application_id = application_;
    n.office_code = "63000080";
    n.agency = agency;
    n.person_id = person;
    n.kind = "registration";
    n.event_type = "move_in";
    n.payload = R"({"type":"registration.move_in","n":)" + std::to_string(count_) +
                R"(,"data":{"name":"王小明"}})";
    n.created_ms = n.next_attempt_ms = clock_.now_ms();
    auto tx = store().begin(TxMode::kWrite).value();
    const int64_t id = tx->insert_notification(n).value();
    EXPECT_TRUE(tx->commit().ok());
    return id;
  }

  NotificationRecord row(int64_t id) {
    auto tx = store().begin(TxMode::kRead).value();
    return tx->find_notification(id).value().value();
  }
  std::vector<AttemptRecord> ledger(int64_t id) {
    auto tx = store().begin(TxMode::kRead).value();
    return tx->attempts_of(id).value();
  }
  domain::notify::Agency stored_agency(const std::string& code) {
    auto tx = store().begin(TxMode::kRead).value();
    return tx->find_agency(code).value().value();
  }

  int pass(NotificationWorker& w) {
    auto r = w.deliver_due();
    EXPECT_TRUE(r.ok()) << r.error().message_en;
    return r.ok() ? *r : 0;
  }

  std::unique_ptr<BackendDb> db_;
  core::ManualClock clock_{kStart};
  FakeTransport transport_;
  NotificationWorkerOptions options_;
  std::vector<std::string> dead_;
  int64_t application_ = 0;
  int count_ = 0;
};

TEST(NotificationRetrySchedule, TenAttemptsOutlastAThreeDayOutageEvenWithJitter) {
  int64_t total = 0;
  for (int i = 1; i < NotificationWorker::kMaxAttempts; ++i)
    total += notification_retry_delay_ms(i);
  EXPECT_EQ(notification_retry_delay_ms(1), 5'000);
  EXPECT_EQ(notification_retry_delay_ms(2), 300'000);
  EXPECT_EQ(notification_retry_delay_ms(9), 30 * kHour);
  EXPECT_GT(total * 9 / 10, 72 * kHour);  // the last attempt, 10 % early at every step
  EXPECT_LT(total, 84 * kHour);
}

TEST_P(NotificationWorkerTest, OnlyA2xxDeliversAndEveryAttemptIsInTheLedger) {
  const int64_t id = add("A123456789");
  NotificationWorker worker(store(), clock_, transport_, options_);
  int call = 0;
  transport_.respond = [&call](const OutgoingMessage&) {
    ++call;
    if (call == 1) return answer(500, "oops");
    if (call == 2) return answer(301, "moved");
    DeliveryAnswer a = answer(204);
    a.receipt = "v1,signed-receipt";
    return a;
  };
  EXPECT_EQ(pass(worker), 0);
  auto n = row(id);
  EXPECT_EQ(n.status, "pending");
  EXPECT_EQ(n.attempts, 1);
  EXPECT_EQ(n.last_http_status, 500);
  EXPECT_GE(n.next_attempt_ms, kStart + 4'500);
  EXPECT_LE(n.next_attempt_ms, kStart + 5'500);
  EXPECT_EQ(pass(worker), 0);  // not due yet
  EXPECT_EQ(transport_.sent.size(), 1u);
  clock_.set_ms(n.next_attempt_ms);
  EXPECT_EQ(pass(worker), 0);  // a redirect is not a delivery
  n = row(id);
  EXPECT_EQ(n.attempts, 2);
  clock_.set_ms(n.next_attempt_ms);
  EXPECT_EQ(pass(worker), 1);
  n = row(id);
  EXPECT_EQ(n.status, "delivered");
  EXPECT_EQ(n.attempts, 3);
  EXPECT_EQ(n.delivered_at_ms, clock_.now_ms());
  const auto l = ledger(id);
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[0].outcome, "retry");
  EXPECT_EQ(l[0].http_status, 500);
  EXPECT_EQ(l[0].response, "oops");
  EXPECT_EQ(l[0].attempt, 1);
  EXPECT_EQ(l[1].http_status, 301);
  EXPECT_EQ(l[2].outcome, "delivered");
  EXPECT_EQ(l[2].receipt, "v1,signed-receipt");
  EXPECT_EQ(l[2].by, "worker");
  // The same bytes and id each time; each attempt signed at its own time.
  ASSERT_EQ(transport_.sent.size(), 3u);
  for (const auto& s : transport_.sent) {
    EXPECT_EQ(s.message.payload, n.payload);
    EXPECT_EQ(s.message.message_id, n.message_id);
  }
  EXPECT_NE(transport_.sent[0].message.timestamp_s, transport_.sent[2].message.timestamp_s);
  EXPECT_EQ(pass(worker), 0);
  EXPECT_EQ(transport_.sent.size(), 3u);
}

TEST_P(NotificationWorkerTest, FailuresFollowTheScheduleWithJitterThenDie) {
  const int64_t id = add("A123456789");
  NotificationWorker worker(store(), clock_, transport_, options_);
  transport_.respond = [](const OutgoingMessage&) { return answer(500); };
  for (int attempt = 1; attempt < NotificationWorker::kMaxAttempts; ++attempt) {
    pass(worker);
    const auto n = row(id);
    ASSERT_EQ(n.attempts, attempt);
    ASSERT_EQ(n.status, "pending");
    const int64_t delay = notification_retry_delay_ms(attempt);
    EXPECT_GE(n.next_attempt_ms - clock_.now_ms(), delay - delay / 10) << attempt;
    EXPECT_LE(n.next_attempt_ms - clock_.now_ms(), delay + delay / 10) << attempt;
    clock_.set_ms(n.next_attempt_ms);
  }
  EXPECT_TRUE(dead_.empty());
  pass(worker);
  const auto n = row(id);
  EXPECT_EQ(n.status, "dead");
  EXPECT_EQ(n.attempts, NotificationWorker::kMaxAttempts);
  EXPECT_EQ(dead_, std::vector<std::string>{n.message_id});
  EXPECT_EQ(ledger(id).back().outcome, "dead");
  clock_.advance_ms(100 * kHour);
  pass(worker);
  EXPECT_EQ(transport_.sent.size(), static_cast<size_t>(NotificationWorker::kMaxAttempts));
}

TEST_P(NotificationWorkerTest, TheJitterSpreadsRetries) {
  NotificationWorker worker(store(), clock_, transport_, options_);
  transport_.respond = [](const OutgoingMessage&) { return answer(500); };
  std::vector<int64_t> ids;
  ids.reserve(12);
  for (int i = 0; i < 12; ++i) ids.push_back(add("P" + std::to_string(i)));
  pass(worker);
  std::set<int64_t> due;
  for (int64_t id : ids) due.insert(row(id).next_attempt_ms);
  EXPECT_GT(due.size(), 6u);  // 1001 possible values each
}

TEST_P(NotificationWorkerTest, ATooManyRequestsPausesTheAgencyForItsRetryAfter) {
  const int64_t first = add("A123456789");
  const int64_t second = add("B123456789");
  const int64_t other = add("C123456789", "land");
  NotificationWorker worker(store(), clock_, transport_, options_);
  transport_.respond = [](const OutgoingMessage& m) {
    DeliveryAnswer a = answer(m.message_id.find("_tax_") != std::string::npos ? 429 : 200);
    a.retry_after_s = 60;
    return a;
  };
  EXPECT_EQ(pass(worker), 1);             // the land office's
  EXPECT_EQ(transport_.sent.size(), 2u);  // one of tax's, not both
  EXPECT_EQ(row(first).attempts, 1);
  EXPECT_EQ(ledger(first).back().outcome, "throttled");
  EXPECT_EQ(row(second).attempts, 0);  // spent nothing
  EXPECT_EQ(row(other).status, "delivered");
  EXPECT_EQ(stored_agency("tax").paused_until_ms, kStart + 60'000);
  clock_.advance_ms(59'000);
  EXPECT_EQ(pass(worker), 0);
  EXPECT_EQ(transport_.sent.size(), 2u);
  clock_.advance_ms(1'000);
  transport_.respond = nullptr;
  EXPECT_EQ(pass(worker), 2);
  EXPECT_EQ(row(first).status, "delivered");
  EXPECT_EQ(row(second).status, "delivered");
}

TEST_P(NotificationWorkerTest, WithoutRetryAfterTheAgencyPauseGrows) {
  const int64_t id = add("A123456789");
  NotificationWorker worker(store(), clock_, transport_, options_);
  transport_.respond = [](const OutgoingMessage&) { return answer(503); };
  std::vector<int64_t> pauses;
  for (int i = 0; i < 4; ++i) {
    clock_.set_ms(std::max(row(id).next_attempt_ms, stored_agency("tax").paused_until_ms));
    pass(worker);
    pauses.push_back(stored_agency("tax").paused_until_ms - clock_.now_ms());
  }
  EXPECT_EQ(pauses, (std::vector<int64_t>{5'000, 10'000, 20'000, 40'000}));
  transport_.respond = nullptr;
  clock_.set_ms(std::max(row(id).next_attempt_ms, stored_agency("tax").paused_until_ms));
  EXPECT_EQ(pass(worker), 1);
}

TEST_P(NotificationWorkerTest, GoneDisablesTheAgencyUntilAnAdminEnablesIt) {
  const int64_t id = add("A123456789");
  add("B123456789");
  NotificationWorker worker(store(), clock_, transport_, options_);
  transport_.respond = [](const OutgoingMessage&) { return answer(410); };
  pass(worker);
  EXPECT_EQ(transport_.sent.size(), 1u);
  auto g = stored_agency("tax");
  EXPECT_FALSE(g.active);
  EXPECT_EQ(g.disabled_reason, "gone");
  EXPECT_EQ(row(id).status, "pending");
  EXPECT_EQ(ledger(id).back().outcome, "gone");
  clock_.advance_ms(10 * kHour);
  pass(worker);
  EXPECT_EQ(transport_.sent.size(), 1u);
  // The admin enables it again (PUT /agencies/{code} active: true).
  NotificationService admin(store(), clock_);
  int rang = 0;
  admin.set_outbox_bell([&rang] { ++rang; });
  Actor root{1, "admin", "Admin", domain::Role::kAdmin, "63000080", ""};
  g.active = true;
  g.secret.clear();
  ASSERT_TRUE(admin.update_agency(root, {}, g).ok());
  EXPECT_EQ(rang, 1);
  transport_.respond = nullptr;
  EXPECT_EQ(pass(worker), 2);
  EXPECT_EQ(row(id).status, "delivered");
}

TEST_P(NotificationWorkerTest, ADeadLetterBlocksItsLineUntilReplayed) {
  const int64_t first = add("A123456789");
  const int64_t later = add("A123456789");
  const int64_t elsewhere = add("B123456789");
  NotificationWorker worker(store(), clock_, transport_, options_);
  const std::string stuck = row(first).message_id;
  transport_.respond = [stuck](const OutgoingMessage& m) {
    return m.message_id == stuck ? answer(500) : answer(200);
  };
  for (int i = 0; i < NotificationWorker::kMaxAttempts; ++i) {
    pass(worker);
    clock_.set_ms(std::max(clock_.now_ms(), row(first).next_attempt_ms));
  }
  EXPECT_EQ(row(first).status, "dead");
  EXPECT_EQ(row(later).status, "pending");
  EXPECT_EQ(row(later).attempts, 0);  // never overtook the first
  EXPECT_EQ(row(elsewhere).status, "delivered");
  // A supervisor replays it: it is sent again, then the later one.
  NotificationService board(store(), clock_);
  int rang = 0;
  board.set_outbox_bell([&rang] { ++rang; });
  Actor supervisor{2, "supervisor", "Supervisor", domain::Role::kSupervisor, "63000080", ""};
  auto replayed = board.replay(supervisor, {}, first);
  ASSERT_TRUE(replayed.ok()) << replayed.error().message_en;
  EXPECT_EQ(rang, 1);
  transport_.respond = nullptr;
  EXPECT_EQ(pass(worker), 1);
  EXPECT_EQ(row(first).status, "delivered");
  EXPECT_EQ(pass(worker), 1);
  EXPECT_EQ(row(later).status, "delivered");
  EXPECT_EQ(ledger(first).size(), static_cast<size_t>(NotificationWorker::kMaxAttempts) + 1);
}

TEST_P(NotificationWorkerTest, ALeaseLeftByAKilledWorkerEndsAndTheSameMessageIsSent) {
  const int64_t id = add("A123456789");
  {
    // A worker claimed it and died before it wrote the result.
    auto tx = store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(tx->claim_notification(id, kStart, kStart + options_.lease_ms).value());
    ASSERT_TRUE(tx->commit().ok());
  }
  db_->reopen();
  NotificationWorker worker(store(), clock_, transport_, options_);
  EXPECT_EQ(pass(worker), 0);
  EXPECT_TRUE(transport_.sent.empty());
  clock_.advance_ms(options_.lease_ms);
  EXPECT_EQ(pass(worker), 1);
  EXPECT_EQ(transport_.sent.at(0).message.message_id, row(id).message_id);
  EXPECT_EQ(row(id).status, "delivered");
}

TEST_P(NotificationWorkerTest, OrderPerPersonHoldsUnderFailures) {
  std::map<int64_t, std::string> person;
  for (int round = 0; round < 4; ++round) {
    for (const char* p : {"A123456789", "B123456789", "C123456789"}) person[add(p)] = p;
  }
  NotificationWorker worker(store(), clock_, transport_, options_);
  // Message k fails its first k % 3 attempts, alternately with a 500 and with no answer.
  std::map<std::string, int> tries;
  transport_.respond = [&tries](const OutgoingMessage& m) {
    const int k = std::stoi(m.message_id.substr(4));
    const int t = ++tries[m.message_id];
    if (t > k % 3) return answer(200);
    return answer(t % 2 == 1 ? 500 : 0);
  };
  for (int i = 0; i < 300; ++i) {
    pass(worker);
    clock_.advance_ms(int64_t{10} * 60'000);
  }
  // Every message delivered; per person, no message was sent before the earlier ones were
  // delivered.
  std::map<std::string, std::set<std::string>> delivered;  // person → message ids
  std::map<std::string, std::string> owner;
  for (const auto& [id, p] : person) {
    const auto n = row(id);
    EXPECT_EQ(n.status, "delivered") << n.message_id << " " << n.attempts;
    owner[n.message_id] = p;
  }
  std::map<std::string, std::vector<std::string>> order;
  for (const auto& [id, p] : person) order[p].push_back(row(id).message_id);
  for (const auto& s : transport_.sent) {
    const std::string& p = owner[s.message.message_id];
    for (const auto& earlier : order[p]) {
      if (earlier == s.message.message_id) break;
      EXPECT_TRUE(delivered[p].count(earlier)) << s.message.message_id << " overtook " << earlier;
    }
    if (s.answer.delivered()) delivered[p].insert(s.message.message_id);
  }
}

TEST_P(NotificationWorkerTest, ASeventyTwoHourOutageEndsWithEverythingDelivered) {
  std::vector<int64_t> ids;
  ids.reserve(10);
  for (int i = 0; i < 10; ++i) ids.push_back(add("P" + std::to_string(i % 4)));
  NotificationWorker worker(store(), clock_, transport_, options_);
  constexpr int64_t back = kStart + 72 * kHour;
  transport_.respond = [this](const OutgoingMessage&) {
    return clock_.now_ms() < back ? answer(0) : answer(200);
  };
  int64_t next_arrival = kStart + 6 * kHour;
  while (clock_.now_ms() < kStart + 120 * kHour) {
    pass(worker);
    if (clock_.now_ms() >= next_arrival && next_arrival < back) {
      ids.push_back(add("P" + std::to_string(ids.size() % 4)));  // more arrive meanwhile
      next_arrival += 6 * kHour;
    }
    clock_.advance_ms(int64_t{5} * 60'000);
  }
  std::map<std::string, std::string> payload;
  for (int64_t id : ids) {
    const auto n = row(id);
    EXPECT_EQ(n.status, "delivered") << n.message_id << " after " << n.attempts;
    EXPECT_LE(n.attempts, NotificationWorker::kMaxAttempts);
    EXPECT_GE(n.delivered_at_ms, back);
    payload[n.message_id] = n.payload;
  }
  EXPECT_TRUE(dead_.empty());
  EXPECT_GT(ids.size(), 20u);
  // Each retry sent the same bytes.
  for (const auto& s : transport_.sent) EXPECT_EQ(s.message.payload, payload[s.message.message_id]);
  // The outage cost probes, not an attempt per message per pass.
  EXPECT_GT(transport_.sent.size(), ids.size() + 20);
  EXPECT_LT(transport_.sent.size(), 400u);
}

TEST_P(NotificationWorkerTest, WakeStartsAPassAtOnce) {
  NotificationWorkerOptions slow = options_;
  slow.poll = std::chrono::hours(1);
  NotificationWorker worker(store(), clock_, transport_, slow);
  worker.start();
  const int64_t id = add("A123456789");
  worker.wake();
  for (int i = 0; i < 500 && row(id).status != "delivered"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  worker.stop();
  EXPECT_EQ(row(id).status, "delivered");
}

INSTANTIATE_TEST_SUITE_P(Backends, NotificationWorkerTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) {
                           return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace huji::service
