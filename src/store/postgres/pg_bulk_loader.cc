// service::BulkLoader for PostgreSQL: rows are encoded in COPY's text format into one buffer
// per table and sent with COPY … FROM STDIN whenever a buffer passes a few MB and at commit().
// Each batch is one write transaction on a connection of the loader's own, serialized with
// every other writer exactly as PgStore's write transactions are (this process's writers'
// mutex, then the cluster-wide advisory lock); COMMIT returns once the WAL is flushed. Foreign
// keys are checked as usual, so a table is only sent after the tables it refers to.

#include <libpq-fe.h>

#include <array>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/bulk_text.h"
#include "store/postgres/pg_db.h"
#include "store/postgres/pg_store.h"

namespace huji::store::postgres {

using core::Error;
using core::ErrorKind;
using core::Status;

namespace {

// The writers' advisory lock: the same key as pg_store.cc's kWriterLock ("hujiWRIT").
constexpr int64_t kWriterLockKey = 0x68756a6957524954;

// The loaded tables' indexes that do not back a constraint (primary key, UNIQUE), with the
// statement that creates each.
constexpr const char* kSecondaryIndexes =
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND "
    "tablename IN ('door_plates', 'households', 'persons', 'events') AND indexname NOT IN "
    "(SELECT conname FROM pg_constraint) ORDER BY indexname";

// Send a table's rows once this much is buffered.
constexpr size_t kFlushBytes = 8 << 20;

enum Table : size_t { kOffices, kVillages, kDoorPlates, kHouseholds, kPersons, kEvents, kTables };

constexpr std::array<const char*, kTables> kCopy = {
    "COPY offices (code, name, county, district, address) FROM STDIN",
    "COPY villages (office_code, name, neighborhoods) FROM STDIN",
    "COPY door_plates (id, office_code, county, district, village, neighborhood, road, section, "
    "lane, alley, number, floor, full_text, abolished) FROM STDIN",
    "COPY households (household_no, office_code, door_plate_id, head_id, established, version) "
    "FROM STDIN",
    "COPY persons (id_number, name, sex, birth_date, birth_place, father_id, mother_id, "
    "spouse_id, father_name, mother_name, indigenous, status, removal_reason, household_no, "
    "relation, birth_order, version) FROM STDIN",
    // seq is an identity column: assigned in the order of the rows.
    "COPY events (type, subject_id, household_no, event_date, registered_on, office_code, data, "
    "corrects_seq) FROM STDIN",
};

// Tables a table's foreign keys refer to: sent first.
constexpr std::array<std::array<int, 2>, kTables> kRefersTo = {{
    {-1, -1},                 // offices
    {kOffices, -1},           // villages
    {kOffices, -1},           // door_plates
    {kOffices, kDoorPlates},  // households
    {-1, -1},                 // persons
    {-1, -1},                 // events
}};

// Appends one row's fields in COPY text format: tab-separated, newline-terminated.
class Line {
 public:
  explicit Line(std::string& out) : out_(out) {}
  ~Line() { out_ += '\n'; }
  Line& text(std::string_view v) {
    sep();
    append_copy_field(out_, v);
    return *this;
  }
  Line& integer(int64_t v) {
    sep();
    out_ += std::to_string(v);
    return *this;
  }
  Line& optional(const std::optional<std::string>& v) {
    if (v) return text(*v);
    sep();
    out_ += "\\N";
    return *this;
  }

 private:
  void sep() {
    if (!first_) out_ += '\t';
    first_ = false;
  }
  std::string& out_;
  bool first_ = true;
};

}  // namespace

class PgBulkLoader final : public service::BulkLoader {
 public:
  explicit PgBulkLoader(PgStore* store) : store_(store) {}

  ~PgBulkLoader() override {
    if (open_) {
      if (conn_->healthy()) (void)conn_->exec("ROLLBACK");
      open_ = false;
      lock_.unlock();
    }
    failed_.reset();
    for (auto& b : buf_) b.clear();  // the abandoned batch's unsent rows
    if (!deferred_.empty()) (void)build_indexes();
  }

  Status put_office(const domain::Office& o) override {
    HUJI_TRY(begin());
    Line(buf_[kOffices]).text(o.code).text(o.name).text(o.county).text(o.district).text(o.address);
    return added(kOffices);
  }

  Status put_village(const domain::Village& v) override {
    HUJI_TRY(begin());
    Line(buf_[kVillages]).text(v.office_code).text(v.name).integer(v.neighborhoods);
    return added(kVillages);
  }

  Status put_door_plate(const domain::DoorPlate& p) override {
    HUJI_TRY(begin());
    const core::Address& a = p.address;
    Line(buf_[kDoorPlates])
        .integer(p.id)
        .text(p.office_code)
        .text(a.county)
        .text(a.district)
        .text(a.village)
        .text(a.neighborhood)
        .text(a.road)
        .text(a.section)
        .text(a.lane)
        .text(a.alley)
        .text(a.number)
        .text(a.floor)
        .text(a.format())
        .text(p.abolished ? "t" : "f");
    return added(kDoorPlates);
  }

  Status put_household(const domain::Household& h) override {
    HUJI_TRY(begin());
    Line(buf_[kHouseholds])
        .text(h.household_no)
        .text(h.office_code)
        .integer(h.door_plate_id)
        .text(h.head_id)
        .text(h.established.to_iso())
        .integer(h.version);
    return added(kHouseholds);
  }

  Status put_person(const domain::Person& p) override {
    HUJI_TRY(begin());
    Line(buf_[kPersons])
        .text(p.id_number)
        .text(p.name)
        .text(core::sex_code(p.sex))
        .text(p.birth_date.to_iso())
        .text(p.birth_place)
        .optional(p.father_id)
        .optional(p.mother_id)
        .optional(p.spouse_id)
        .text(p.father_name)
        .text(p.mother_name)
        .text(p.indigenous)
        .text(p.status == domain::PersonStatus::kActive ? "active" : "removed")
        .text(p.removal_reason)
        .text(p.household_no)
        .text(p.relation)
        .integer(p.birth_order)
        .integer(p.version);
    return added(kPersons);
  }

  Status append_event(const domain::Event& e) override {
    HUJI_TRY(begin());
    json_.clear();
    append_json_object(json_, e.data);
    std::optional<std::string> corrects;
    if (e.corrects_seq) corrects = std::to_string(*e.corrects_seq);
    Line(buf_[kEvents])
        .text(domain::event_type_code(e.type))
        .text(e.subject_id)
        .text(e.household_no)
        .text(e.event_date.to_iso())
        .text(e.registered_on.to_iso())
        .text(e.office_code)
        .text(json_)
        .optional(corrects);
    return added(kEvents);
  }

  Status defer_indexes() override {
    HUJI_TRY(begin());
    HUJI_ASSIGN_OR_RETURN(auto st, conn_->prepare(kSecondaryIndexes));
    for (;;) {
      HUJI_ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      deferred_.emplace_back(st.text(0), st.text(1));
    }
    for (const auto& [name, sql] : deferred_) {
      if (auto r = conn_->exec("DROP INDEX " + name); !r.ok()) {
        return fail(std::move(r).take_error());
      }
    }
    return commit();
  }

  Status finish() override {
    HUJI_TRY(commit());
    return build_indexes();
  }

  Status commit() override {
    if (!open_) return {};
    for (size_t t = 0; t < kTables; ++t) {
      if (Status s = flush(static_cast<Table>(t)); !s.ok()) return fail(std::move(s));
    }
    auto tag = conn_->exec("COMMIT");
    open_ = false;
    lock_.unlock();
    if (!tag.ok()) return std::move(tag).take_error();
    if (*tag != "COMMIT") {
      return Error::internal("store.aborted", "交易中有操作失敗，整批資料已復原",
                             "a statement of this batch failed; the whole batch was rolled back");
    }
    return {};
  }

 private:
  // Starts a batch unless one is open: the writers' mutex, then BEGIN and the advisory lock.
  Status begin() {
    if (failed_) return *failed_;
    if (open_) return {};
    lock_ = std::unique_lock<std::timed_mutex>(store_->writer_, std::defer_lock);
    if (!lock_.try_lock_for(store_->options_.writer_timeout)) {
      return Error::unavailable("store.busy", "資料庫忙碌中，請稍後再試",
                                "the database is busy, try again");
    }
    if (!conn_ || !conn_->healthy()) {
      auto c = Connection::open(store_->url_, *store_->at_,
                                static_cast<int>(store_->options_.writer_timeout.count()));
      if (!c.ok()) {
        lock_.unlock();
        return std::move(c).take_error();
      }
      conn_ = std::move(c).value();
    }
    auto r = conn_->exec("BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(" +
                         std::to_string(kWriterLockKey) + ")");
    if (!r.ok()) {
      lock_.unlock();
      return std::move(r).take_error();
    }
    open_ = true;
    return {};
  }

  Status added(Table t) {
    if (buf_[t].size() < kFlushBytes) return {};
    if (Status s = flush(t); !s.ok()) return fail(std::move(s));
    return {};
  }

  // Sends the buffered rows of `t`, after those of the tables it refers to.
  Status flush(Table t) {
    for (int ref : kRefersTo[t]) {
      if (ref >= 0) HUJI_TRY(flush(static_cast<Table>(ref)));
    }
    std::string& buf = buf_[t];
    if (buf.empty()) return {};
    PGconn* pg = conn_->handle();
    ResultPtr start(PQexec(pg, kCopy[t]));
    if (!start || PQresultStatus(start.get()) != PGRES_COPY_IN) {
      return conn_->error(start.get(), "copy");
    }
    int sent = PQputCopyData(pg, buf.data(), static_cast<int>(buf.size()));
    if (sent == 1) sent = PQputCopyEnd(pg, nullptr);
    buf.clear();
    if (sent != 1) return conn_->error(nullptr, "copy");
    Status s;
    while (PGresult* r = PQgetResult(pg)) {
      ResultPtr res(r);
      if (s.ok() && PQresultStatus(r) != PGRES_COMMAND_OK) s = conn_->error(r, "copy");
    }
    return s;
  }

  // Builds the deferred indexes in one transaction, with room to sort in memory.
  Status build_indexes() {
    if (deferred_.empty()) return {};
    HUJI_TRY(begin());
    std::string sql = "SET LOCAL maintenance_work_mem = '1GB'";
    for (const auto& [name, create] : deferred_) sql += "; " + create;
    if (auto r = conn_->exec(sql); !r.ok()) return fail(std::move(r).take_error());
    HUJI_TRY(commit());
    deferred_.clear();
    return {};
  }

  // Remembers the batch's failure: every later call reports it; the destructor rolls back.
  Status fail(Status s) {
    failed_ = s.error();
    return s;
  }

  PgStore* store_;
  std::unique_ptr<Connection> conn_;
  std::unique_lock<std::timed_mutex> lock_;  // held while a batch is open
  bool open_ = false;
  std::optional<Error> failed_;
  std::array<std::string, kTables> buf_;
  std::string json_;
  std::vector<std::pair<std::string, std::string>> deferred_;  // (name, CREATE INDEX …)
};

std::unique_ptr<service::BulkLoader> PgStore::bulk_loader() {
  return std::make_unique<PgBulkLoader>(this);
}

}  // namespace huji::store::postgres
