#include "service/demo_service.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "domain/queue/queue.h"
#include "domain/register/event_keys.h"
#include "domain/register/projector.h"
#include "domain/register/state.h"
#include "service/audit.h"
#include "service/auth_service.h"
#include "service/crypto.h"

namespace huji::service {

using core::Error;
using core::ErrorKind;

namespace {

Error not_empty() {
  return Error::conflict("demo.not_empty", "資料庫已有資料，示範資料只能載入空白資料庫",
                         "the database is not empty; demo data loads only into a new one");
}

// The bulk path of a store without one of its own: each batch one write transaction, one
// statement per row.
class TxBulkLoader final : public BulkLoader {
 public:
  explicit TxBulkLoader(Store& store) : store_(store) {}

  core::Status put_office(const domain::Office& o) override {
    HUJI_TRY(open());
    return tx_->put_office(o);
  }
  core::Status put_village(const domain::Village& v) override {
    HUJI_TRY(open());
    return tx_->put_village(v);
  }
  core::Status put_door_plate(const domain::DoorPlate& p) override {
    HUJI_TRY(open());
    return tx_->put_door_plate(p);
  }
  core::Status put_household(const domain::Household& h) override {
    HUJI_TRY(open());
    return tx_->put_household(h);
  }
  core::Status put_person(const domain::Person& p) override {
    HUJI_TRY(open());
    return tx_->put_person(p);
  }
  core::Status append_event(const domain::Event& e) override {
    HUJI_TRY(open());
    auto seq = tx_->append_event(e);
    if (!seq.ok()) return std::move(seq).take_error();
    return {};
  }
  core::Status commit() override {
    if (!tx_) return {};
    core::Status s = tx_->commit();
    tx_.reset();
    return s;
  }

 private:
  core::Status open() {
    if (tx_) return {};
    HUJI_ASSIGN_OR_RETURN(tx_, store_.begin(TxMode::kWrite));
    return {};
  }
  Store& store_;
  std::unique_ptr<Transaction> tx_;
};

// The projections of one household, as domain::apply derives them from its conversion
// entries, kept in memory until they are handed to the loader. Conversion entries carry the
// whole state and read nothing, so the other lookups need not find anything beyond them.
class HouseholdProjection final : public domain::RegisterState {
 public:
  void clear() {
    persons_.clear();
    households_.clear();
  }
  const std::vector<domain::Person>& persons() const { return persons_; }
  const std::vector<domain::Household>& households() const { return households_; }

  core::Result<std::optional<domain::Person>> person(const std::string& id) override {
    for (const auto& p : persons_) {
      if (p.id_number == id) return std::optional<domain::Person>(p);
    }
    return std::optional<domain::Person>();
  }
  core::Result<std::optional<domain::Household>> household(const std::string& no) override {
    for (const auto& h : households_) {
      if (h.household_no == no) return std::optional<domain::Household>(h);
    }
    return std::optional<domain::Household>();
  }
  core::Result<std::vector<domain::Person>> members(const std::string& no) override {
    std::vector<domain::Person> out;
    for (const auto& p : persons_) {
      if (p.household_no == no) out.push_back(p);
    }
    return out;
  }
  core::Result<std::vector<domain::Person>> children(const std::string& parent_id) override {
    std::vector<domain::Person> out;
    for (const auto& p : persons_) {
      if (p.father_id == parent_id || p.mother_id == parent_id) out.push_back(p);
    }
    return out;
  }
  core::Result<std::optional<domain::DoorPlate>> door_plate(int64_t) override {
    return std::optional<domain::DoorPlate>();
  }
  core::Status put_person(const domain::Person& p) override {
    for (auto& q : persons_) {
      if (q.id_number == p.id_number) {
        q = p;
        return {};
      }
    }
    persons_.push_back(p);
    return {};
  }
  core::Status put_household(const domain::Household& h) override {
    for (auto& g : households_) {
      if (g.household_no == h.household_no) {
        g = h;
        return {};
      }
    }
    households_.push_back(h);
    return {};
  }
  core::Status delete_household(const std::string& no) override {
    std::erase_if(households_, [&](const domain::Household& h) { return h.household_no == no; });
    return {};
  }
  core::Result<uint32_t> next_id_serial(char, int) override { return unsupported(); }
  core::Result<std::string> next_household_no(const std::string&) override { return unsupported(); }
  core::Result<std::vector<domain::Event>> events_of(const std::string&) override {
    return std::vector<domain::Event>();
  }

 private:
  static Error unsupported() {
    return Error::internal("demo.projection", "示範資料轉換不配發新號碼",
                           "the demo conversion allocates no numbers");
  }
  std::vector<domain::Person> persons_;
  std::vector<domain::Household> households_;
};

// One slice of the generated stream, grouped by table in the order the loader writes them:
// each table's rows refer only to rows of the tables before it or of earlier chunks (door
// plates to offices, households to door plates), and each table keeps the generator's order,
// so the events get the same sequence numbers as when written one by one.
struct Chunk {
  std::vector<domain::Office> offices;
  std::vector<domain::Village> villages;
  std::vector<domain::DoorPlate> door_plates;
  std::vector<domain::Event> events;
  std::vector<domain::Household> households;
  std::vector<domain::Person> persons;
  int64_t generated_persons = 0;  // persons of the chunk's households, for the progress
  bool commit_after = false;      // the chunk ends a batch of DemoOptions::batch_households

  size_t rows() const {
    return offices.size() + villages.size() + door_plates.size() + events.size() +
           households.size() + persons.size();
  }
};

// Thrown inside the generator's thread when the loading side has stopped.
struct Cancelled {};

// A bounded hand-off from the generating thread to the loading one: the generator waits when
// kDepth chunks are already queued, so memory stays bounded whatever the size. Written chunks
// come back to be freed on the generating thread, which keeps the loading one for SQL.
class ChunkQueue {
 public:
  static constexpr size_t kDepth = 4;

  // Throws Cancelled once the loading side has given up.
  void push(Chunk&& c) {
    std::vector<Chunk> spent;
    {
      std::unique_lock<std::mutex> lock(mu_);
      space_.wait(lock, [&] { return queue_.size() < kDepth || cancelled_; });
      if (cancelled_) throw Cancelled{};
      queue_.push_back(std::move(c));
      spent.swap(spent_);
      ready_.notify_one();
    }
  }  // `spent` freed here, outside the lock
  void give_back(Chunk&& c) {
    std::lock_guard<std::mutex> lock(mu_);
    spent_.push_back(std::move(c));
  }
  // The next chunk, or nothing once the generator is done and every chunk was taken.
  std::optional<Chunk> pop() {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return std::nullopt;
    Chunk c = std::move(queue_.front());
    queue_.pop_front();
    space_.notify_one();
    return c;
  }
  void close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    ready_.notify_all();
  }
  void cancel() {
    std::lock_guard<std::mutex> lock(mu_);
    cancelled_ = true;
    queue_.clear();
    space_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable ready_, space_;
  std::deque<Chunk> queue_;
  std::vector<Chunk> spent_;
  bool closed_ = false;
  bool cancelled_ = false;
};

// The generating side (its own thread): the generated histories are transcribed as they were
// (marked "history": shown on transcripts, not replayed); each person's current state then
// enters the register by one conversion entry (戶籍資料轉換, dated at the household's latest
// history entry), from which the projections are
// derived by domain::apply like any other registration's, so `huji register rebuild --check`
// holds on a demo database too. The rows are handed over in chunks of about kChunkHouseholds
// households; a chunk also ends at every batch boundary.
class ChunkSink final : public demo::PopulationSink {
 public:
  static constexpr int64_t kChunkHouseholds = 1'000;
  static constexpr size_t kChunkRows = 20'000;

  ChunkSink(ChunkQueue& queue, core::Date today, int64_t batch)
      : queue_(queue), today_(today), batch_(std::max<int64_t>(batch, 1)) {}

  void office(const domain::Office& o) override {
    chunk_.offices.push_back(o);
    ++summary.offices;
    flush_if_full();
  }
  void village(const domain::Village& v) override {
    chunk_.villages.push_back(v);
    ++summary.villages;
    flush_if_full();
  }
  void door_plate(const domain::DoorPlate& p) override {
    chunk_.door_plates.push_back(p);
    ++summary.door_plates;
    flush_if_full();
  }
  void household(const domain::Household& h, const std::vector<domain::Person>& members,
                 const std::vector<domain::Event>& events) override {
    // The conversion is dated at the household's history (its latest registration), as a
    // converted paper register is, not on the day the demo was made (issue 17: 「戶籍資料轉換」
    // dated today on every person looked as if the whole register changed today).
    std::optional<core::Date> latest;
    for (const auto& e : events) {
      domain::Event& copy = chunk_.events.emplace_back(e);
      copy.data.emplace(domain::event_key::kHistory, "1");
      const core::Date d = std::max(e.event_date, e.registered_on);
      if (!latest || *latest < d) latest = d;
    }
    const core::Date converted_on = latest && *latest < today_ ? *latest : today_;
    projection_.clear();
    bool first = true;
    for (const auto& p : members) {
      domain::Event& e = chunk_.events.emplace_back(
          domain::conversion_event(p, first ? &h : nullptr, converted_on, h.office_code));
      first = false;
      if (core::Status s = domain::apply(projection_, e); !s.ok()) {
        status = std::move(s);
        throw Cancelled{};
      }
      // A head without spouse to try a lookup with, from the staff's own office if it can be.
      if (p.status == domain::PersonStatus::kActive && !p.spouse_id && p.relation == "戶長") {
        if (any_sample_.empty()) any_sample_ = p.id_number;
        if (summary.sample_person_id.empty() && h.office_code == demo_office_code_) {
          summary.sample_person_id = p.id_number;
        }
      }
    }
    for (const auto& hh : projection_.households()) chunk_.households.push_back(hh);
    for (const auto& p : projection_.persons()) chunk_.persons.push_back(p);
    ++summary.households;
    summary.persons += static_cast<int64_t>(members.size());
    summary.events += static_cast<int64_t>(events.size() + members.size());
    chunk_.generated_persons += static_cast<int64_t>(members.size());
    ++chunk_households_;
    if (summary.households % batch_ == 0) {
      chunk_.commit_after = true;
      flush();
    } else if (chunk_households_ >= kChunkHouseholds) {
      flush();
    } else {
      flush_if_full();
    }
  }

  // Hands over the last, partial chunk.
  void finish() {
    flush();
    if (summary.sample_person_id.empty()) summary.sample_person_id = any_sample_;
  }

  core::Status status;  // why the generating side stopped, when it was its own rule check
  DemoSummary summary;

 private:
  void flush_if_full() {
    if (chunk_.rows() >= kChunkRows) flush();
  }
  void flush() {
    if (chunk_.rows() == 0) return;
    queue_.push(std::move(chunk_));
    chunk_ = Chunk{};
    chunk_households_ = 0;
  }

  ChunkQueue& queue_;
  const core::Date today_;
  const int64_t batch_;
  Chunk chunk_;
  int64_t chunk_households_ = 0;
  HouseholdProjection projection_;
  const std::string demo_office_code_ = demo::demo_office().code;
  std::string any_sample_;
};

// The loading side: one chunk's rows, table by table.
core::Status write_chunk(BulkLoader& loader, const Chunk& c) {
  for (const auto& o : c.offices) HUJI_TRY(loader.put_office(o));
  for (const auto& v : c.villages) HUJI_TRY(loader.put_village(v));
  for (const auto& p : c.door_plates) HUJI_TRY(loader.put_door_plate(p));
  for (const auto& e : c.events) HUJI_TRY(loader.append_event(e));
  for (const auto& h : c.households) HUJI_TRY(loader.put_household(h));
  for (const auto& p : c.persons) HUJI_TRY(loader.put_person(p));
  return {};
}

// Generates on a second thread while this one writes: on two cores the generator, the
// conversion entries and domain::apply no longer wait for the database, nor it for them.
// Returns the generator's summary and the number of transactions committed.
core::Result<DemoSummary> stream_population(BulkLoader& loader, const demo::DemoSpec& spec,
                                            const DemoOptions& options) {
  ChunkQueue queue;
  ChunkSink sink(queue, spec.today, options.batch_households);
  std::exception_ptr thrown;
  std::thread generator([&] {
    try {
      demo::generate(spec, sink);
      sink.finish();
    } catch (const Cancelled&) {
      // the loading side stopped first, or sink.status says why
    } catch (...) {
      thrown = std::current_exception();
    }
    queue.close();
  });
  // Whatever leaves this function — an exception from a write or a progress callback
  // included — first stops and joins the generating thread.
  struct JoinOnExit {
    ChunkQueue& queue;
    std::thread& thread;
    ~JoinOnExit() {
      if (!thread.joinable()) return;
      queue.cancel();
      thread.join();
    }
  } join_on_exit{queue, generator};

  core::Status status;
  int64_t batches = 0;
  int64_t persons_done = 0;
  while (std::optional<Chunk> chunk = queue.pop()) {
    status = write_chunk(loader, *chunk);
    if (status.ok() && chunk->commit_after) {
      status = loader.commit();
      ++batches;
    }
    if (!status.ok()) {
      queue.cancel();
      break;
    }
    persons_done += chunk->generated_persons;
    queue.give_back(std::move(*chunk));
    if (options.progress) options.progress(persons_done);
  }
  generator.join();
  if (thrown) std::rethrow_exception(thrown);
  HUJI_TRY(status);
  HUJI_TRY(sink.status);

  // The last, partial batch, then the indexes deferred by the loader.
  if (options.indexing) options.indexing();
  HUJI_TRY(loader.finish());
  DemoSummary summary = sink.summary;
  summary.batches = batches + 1;
  return summary;
}

// True when the database holds any person or any of the demo staff.
core::Result<bool> has_data(Store& store) {
  HUJI_ASSIGN_OR_RETURN(auto tx, store.begin(TxMode::kRead));
  bool any = false;
  HUJI_TRY(tx->scan_persons([&](const domain::Person&) {
    any = true;
    return false;
  }));
  for (const auto& l : demo_logins()) {
    if (any) break;
    HUJI_ASSIGN_OR_RETURN(auto user, tx->find_user(l.username));
    any = user.has_value();
  }
  return any;
}

}  // namespace

const std::vector<DemoLogin>& demo_logins() {
  static const std::vector<DemoLogin> kLogins = {
      {"clerk", "clerk-demo-pass", domain::Role::kClerk},
      {"supervisor", "supervisor-demo-pass", domain::Role::kSupervisor},
      // A second supervisor (主任): sampling is independent of entry and review.
      {"chief", "chief-demo-pass", domain::Role::kSupervisor},
      {"auditor", "auditor-demo-pass", domain::Role::kAuditor},
      {"admin", "admin-demo-pass", domain::Role::kAdmin},
  };
  return kLogins;
}

core::Result<DemoSummary> load_demo(Store& store, const core::Clock& clock,
                                    const demo::DemoSpec& spec, const DemoOptions& options) {
  if (spec.persons < 1 || spec.persons > 30'000'000) {
    return Error::invalid("demo.persons", "人數須介於 1 與 30,000,000 之間",
                          "persons must be 1 to 30,000,000");
  }
  HUJI_ASSIGN_OR_RETURN(bool taken, has_data(store));
  if (taken) return not_empty();
  // Hash the demo passwords before taking the write lock: argon2id is deliberately slow.
  std::vector<std::string> hashes;
  for (const auto& l : demo_logins()) {
    HUJI_ASSIGN_OR_RETURN(std::string h, hash_password(l.password));
    hashes.push_back(std::move(h));
  }

  std::unique_ptr<BulkLoader> loader = store.bulk_loader();
  if (!loader) loader = std::make_unique<TxBulkLoader>(store);
  HUJI_TRY(loader->defer_indexes());  // the database is empty (has_data above)
  HUJI_ASSIGN_OR_RETURN(DemoSummary summary, stream_population(*loader, spec, options));
  loader.reset();

  // The generator also emits the offices that registered earlier events (in the national
  // scope, every office); staff belong to the demo office itself.
  HUJI_ASSIGN_OR_RETURN(auto tx, store.begin(TxMode::kWrite));
  const domain::Office office = demo::demo_office();
  summary.office_code = office.code;
  summary.office_name = office.name;
  const auto& logins = demo_logins();
  for (size_t i = 0; i < logins.size(); ++i) {
    UserRecord u;
    u.username = logins[i].username;
    u.display_name = std::string(domain::role_name_zh(logins[i].role)) + "（示範）";
    u.role = logins[i].role;
    u.office_code = summary.office_code;
    u.password_hash = hashes[i];
    u.created_ms = clock.now_ms();
    auto id = tx->insert_user(u);
    if (!id.ok()) {
      if (id.error().code == "user.exists") return not_empty();
      return std::move(id).take_error();
    }
  }
  summary.logins = logins;
  // The lobby's services and counters (issue 20), as a new office starts with them.
  for (const auto& s : domain::queue::default_services()) {
    HUJI_TRY(tx->put_queue_service(summary.office_code, s));
  }
  for (const auto& counter : domain::queue::default_counters()) {
    HUJI_TRY(tx->put_counter(summary.office_code, counter));
  }
  Actor system;
  system.username = "system";
  system.role = domain::Role::kAdmin;
  system.office_code = summary.office_code;
  const bool national = spec.scope == demo::DemoScope::kNational;
  HUJI_TRY(append_audit(*tx, clock, system, {"demo"},
                        {"demo.load", "",
                         std::string(national ? "national demo population" : "demo population") +
                             " seed " + std::to_string(spec.seed),
                         "ok"}));
  HUJI_TRY(tx->commit());
  return summary;
}

}  // namespace huji::service
