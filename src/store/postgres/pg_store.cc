#include "store/postgres/pg_store.h"

#include <limits>

#include "store/migrations/migrations.h"
#include "store/postgres/pg_db.h"
#include "store/rows.h"
#include "store/sql/transaction.h"

namespace huji::store::postgres {

using core::Error;
using core::ErrorKind;
using core::Result;
using core::Status;
using service::AuditEntry;

namespace {

// Advisory lock keys ("hujiWRIT", "hujiMIGR"): one for the writers' queue, one for migrations.
constexpr int64_t kWriterLock = 0x68756a6957524954;
constexpr int64_t kMigrationLock = 0x68756a694d494752;

// Rows fetched per page by the full scans (scan_pages).
constexpr int kScanPage = 1000;

Error busy() {
  return Error::unavailable("store.busy", "資料庫忙碌中，請稍後再試",
                            "the database is busy, try again");
}

Error aborted() {
  return Error::internal("store.aborted", "交易中有操作失敗，整筆交易已復原，未寫入任何資料",
                         "a statement of this transaction failed; the whole transaction was rolled "
                         "back and nothing was written");
}

Error ended() {
  return Error::internal("store.ended", "交易已結束", "the transaction has already ended");
}

// One element of a text array literal: always quoted, with " and \ escaped.
std::string pg_array_element(std::string_view v) {
  std::string out;
  out.reserve(v.size() + 2);
  out += '"';
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

// What a PostgreSQL transaction does itself: its pooled connection, its end, the writers'
// lock; the reads and writes are store/sql's.
class PgCore : public service::Transaction {
 public:
  using Statement = postgres::Statement;

  PgCore(PgStore* store, std::unique_ptr<Connection> c, std::unique_lock<std::timed_mutex> writer)
      : store_(store), c_(std::move(c)), writer_(std::move(writer)) {}

  ~PgCore() override {
    // release() rolls back whatever is still open.
    if (c_) store_->release(std::move(c_));
  }

  Status commit() override {
    if (!c_) return ended();
    Status s;
    if (c_->in_failed_transaction()) {
      s = aborted();
    } else {
      auto tag = c_->exec("COMMIT");
      // COMMIT of a transaction in error "succeeds" with the tag ROLLBACK.
      if (!tag.ok()) {
        s = std::move(tag).take_error();
      } else if (*tag != "COMMIT") {
        s = aborted();
      }
    }
    // The connection and the writers' lock are free as soon as the outcome is known.
    store_->release(std::move(c_));
    if (writer_.owns_lock()) writer_.unlock();
    return s;
  }

  Result<Statement> prep(const std::string& sql) {
    if (!c_) return ended();
    return c_->prepare(sql);
  }

 protected:
  Status pipeline(const std::vector<Statement*>& statements) {
    if (!c_) return ended();
    return c_->pipeline(statements);
  }

 private:
  PgStore* store_;
  std::unique_ptr<Connection> c_;              // null once committed
  std::unique_lock<std::timed_mutex> writer_;  // write transactions only
};

// Visits the rows of a keyset-paged scan (bounded memory, and the visitor may use the
// transaction between pages): `page_sql` reads the rows after key $1, at most $2 of them.
template <typename T, typename Key, typename Read, typename KeyOf, typename Visit>
Status scan_pages(PgCore& tx, const std::string& page_sql, Key after, Read read, KeyOf key_of,
                  const Visit& visit) {
  for (;;) {
    HUJI_ASSIGN_OR_RETURN(auto st, tx.prep(page_sql));
    st.bind(1, after).bind(2, kScanPage);
    int rows = 0;
    for (;; ++rows) {
      HUJI_ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      HUJI_ASSIGN_OR_RETURN(T value, read(st));
      after = key_of(value);
      if (!visit(value)) return {};
    }
    if (rows < kScanPage) return {};
  }
}

// Where PostgreSQL differs from store/sql's one-statement-per-call reads: a round trip per
// statement makes it send a person's full record and the audit queue's batch at once, and
// its full scans go page by page.
class PgTransaction final : public sql::Transaction<PgCore> {
  using Rows = sql::Transaction<PgCore>;

 public:
  using Rows::Rows;

  // Two round trips instead of eight: the person, then — all depending only on the person's
  // row — parents, spouse, household, its door plate, members and events in one pipeline.
  Result<std::optional<service::PersonRecord>> read_person_record(const std::string& id) override {
    HUJI_ASSIGN_OR_RETURN(auto person, find_person(id));
    if (!person) return std::optional<service::PersonRecord>();
    service::PersonRecord r;
    r.person = std::move(*person);
    std::vector<Statement*> batch;
    std::optional<Statement> father, mother, spouse, household, plate, members;
    auto add = [&](std::optional<Statement>& slot, const std::string& text,
                   const std::string& key) -> Status {
      HUJI_ASSIGN_OR_RETURN(auto st, prep(text));
      slot.emplace(std::move(st));
      slot->bind(1, key);
      batch.push_back(&*slot);
      return {};
    };
    if (r.person.father_id) HUJI_TRY(add(father, sql::persons::kById, *r.person.father_id));
    if (r.person.mother_id) HUJI_TRY(add(mother, sql::persons::kById, *r.person.mother_id));
    if (r.person.spouse_id) HUJI_TRY(add(spouse, sql::persons::kById, *r.person.spouse_id));
    const std::string& no = r.person.household_no;
    if (!no.empty()) {
      HUJI_TRY(add(household, sql::households::kByNo, no));
      HUJI_TRY(add(plate, sql::door_plates::kOfHousehold, no));
      HUJI_TRY(add(members, sql::persons::kMembersOf, no));
    }
    std::optional<Statement> events;
    HUJI_TRY(add(events, sql::events::kOfSubject, r.person.id_number));
    HUJI_TRY(pipeline(batch));

    const auto read_person = sql::persons::read<Statement>;
    for (auto [st, into] : {std::pair{&father, &r.father}, std::pair{&mother, &r.mother},
                            std::pair{&spouse, &r.spouse}}) {
      if (*st) {
        HUJI_ASSIGN_OR_RETURN(*into, first_row<domain::Person>(**st, read_person));
      }
    }
    if (household) {
      HUJI_ASSIGN_OR_RETURN(
          r.household, first_row<domain::Household>(*household, sql::households::read<Statement>));
      if (r.household) {
        HUJI_ASSIGN_OR_RETURN(
            r.door_plate, first_row<domain::DoorPlate>(*plate, sql::door_plates::read<Statement>));
        HUJI_ASSIGN_OR_RETURN(r.members, collect_rows<domain::Person>(*members, read_person));
      }
    }
    HUJI_ASSIGN_OR_RETURN(r.events,
                          collect_rows<domain::Event>(*events, sql::events::read<Statement>));
    return std::optional<service::PersonRecord>(std::move(r));
  }

  // One statement for the whole batch: twelve arrays unnested into rows, instead of a round
  // trip per entry.
  Status append_audits(const std::vector<AuditEntry>& entries) override {
    if (entries.empty()) return {};
    if (entries.size() == 1) return append_audit(entries.front());
    HUJI_ASSIGN_OR_RETURN(
        auto st,
        prep(sql::join(
            {"INSERT INTO audit (", sql::audit::kColumns,
             ") SELECT * FROM unnest("
             "$1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], "
             "$7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])"})));
    // The array literal of one column: `element` writes each entry's value.
    auto array = [&](auto field, auto element) {
      std::string out = "{";
      for (const AuditEntry& e : entries) {
        if (out.size() > 1) out += ',';
        out += element(e.*field);
      }
      return out + "}";
    };
    auto ints = [&](auto field) {
      return array(field, [](int64_t v) { return std::to_string(v); });
    };
    auto texts = [&](auto field) { return array(field, pg_array_element); };
    return st.bind(1, ints(&AuditEntry::seq))
        .bind(2, ints(&AuditEntry::at_ms))
        .bind(3, texts(&AuditEntry::username))
        .bind(4, texts(&AuditEntry::role))
        .bind(5, texts(&AuditEntry::office_code))
        .bind(6, texts(&AuditEntry::action))
        .bind(7, texts(&AuditEntry::subject_id))
        .bind(8, texts(&AuditEntry::purpose))
        .bind(9, texts(&AuditEntry::request_id))
        .bind(10, texts(&AuditEntry::outcome))
        .bind(11, texts(&AuditEntry::prev_hash))
        .bind(12, texts(&AuditEntry::hash))
        .run();
  }

  Status scan_events(const std::function<bool(const domain::Event&)>& visit) override {
    return scan_pages<domain::Event>(
        *this, sql::events::kScanPage, std::numeric_limits<int64_t>::min(),
        sql::events::read<Statement>, [](const domain::Event& e) { return e.seq; }, visit);
  }

  Status scan_persons(const std::function<bool(const domain::Person&)>& visit) override {
    return scan_pages<domain::Person>(
        *this, sql::persons::kScanPage, std::optional<std::string>(), sql::persons::read<Statement>,
        [](const domain::Person& p) { return std::optional<std::string>(p.id_number); }, visit);
  }

  Status scan_households(const std::function<bool(const domain::Household&)>& visit) override {
    return scan_pages<domain::Household>(
        *this, sql::households::kScanPage, std::optional<std::string>(),
        sql::households::read<Statement>,
        [](const domain::Household& h) { return std::optional<std::string>(h.household_no); },
        visit);
  }

  Status scan_audit(const std::function<bool(const AuditEntry&)>& visit) override {
    return scan_pages<AuditEntry>(
        *this, sql::audit::kScanPage, std::numeric_limits<int64_t>::min(),
        sql::audit::read<Statement>, [](const AuditEntry& a) { return a.seq; }, visit);
  }
};

}  // namespace

struct PgStore::Pooled {
  std::unique_ptr<Connection> conn;
  bool fresh = false;  // opened for this request, not taken from the idle list
};

Result<std::unique_ptr<PgStore>> PgStore::open(const std::string& url) {
  return open(url, Options{});
}

Result<std::unique_ptr<PgStore>> PgStore::open(const std::string& url, const Options& options) {
  if (!PQisthreadsafe()) {
    return Error::internal("store.libpq", "libpq 未以執行緒安全模式建置",
                           "libpq was not built thread-safe");
  }
  HUJI_ASSIGN_OR_RETURN(Endpoint at, parse_endpoint(url));
  std::unique_ptr<PgStore> store(
      new PgStore(url, std::make_unique<Endpoint>(std::move(at)), options));
  HUJI_ASSIGN_OR_RETURN(Pooled p, store->acquire());
  Status s = store->migrate(*p.conn);
  store->release(std::move(p.conn));
  if (!s.ok()) return std::move(s).take_error();
  return store;
}

PgStore::PgStore(std::string url, std::unique_ptr<Endpoint> at, const Options& options)
    : url_(std::move(url)), at_(std::move(at)), options_(options) {}

PgStore::~PgStore() = default;

Status PgStore::migrate(Connection& c) {
  const auto& all = postgres_migrations();
  const int newest = all.empty() ? 0 : all.back().version;
  // Each migration in its own transaction, holding an advisory lock so that two servers
  // starting together apply it once: the second waits, then finds it recorded.
  // An up-to-date schema is detected without writing, so that huji can open a read-only hot
  // standby (a streaming replica) too.
  {
    int current = -1;
    HUJI_ASSIGN_OR_RETURN(auto exists,
                          c.prepare("SELECT (to_regclass('schema_migrations') IS NOT NULL)::int"));
    HUJI_ASSIGN_OR_RETURN(bool row, exists.step());
    if (row && exists.int64(0) == 1) {
      HUJI_ASSIGN_OR_RETURN(current, applied_version(c));
    }
    if (current == newest) {
      schema_version_ = newest;
      return {};
    }
  }
  const std::string begin =
      "BEGIN; SET LOCAL lock_timeout = '5min'; "
      "SELECT pg_advisory_xact_lock(" +
      std::to_string(kMigrationLock) + ")";
  for (bool done = false; !done;) {
    auto step = [&]() -> Status {
      HUJI_TRY(c.exec(begin));
      HUJI_TRY(
          c.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY "
                 "KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)"));
      HUJI_ASSIGN_OR_RETURN(const int current, applied_version(c));
      if (current > newest) return schema_too_new();
      const Migration* next = nullptr;
      for (const Migration& m : all) {
        if (m.version > current) {
          next = &m;
          break;
        }
      }
      if (!next) {
        done = true;
      } else {
        HUJI_TRY(c.exec(next->sql));
        HUJI_ASSIGN_OR_RETURN(
            auto st,
            c.prepare("INSERT INTO schema_migrations (version, name, applied_ms) "
                      "VALUES ($1, $2, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)"));
        HUJI_TRY(st.bind(1, next->version).bind(2, next->name).run());
      }
      HUJI_ASSIGN_OR_RETURN(std::string tag, c.exec("COMMIT"));
      if (tag != "COMMIT") return aborted();
      return {};
    };
    Status s = step();
    if (!s.ok()) {
      if (c.healthy() && !c.idle()) (void)c.exec("ROLLBACK");
      // 42501 insufficient_privilege: the application's role, not the tables' owner.
      if (s.error().message_en.find("[42501]") != std::string::npos) {
        return Error::unavailable(
            "store.migrate_denied",
            "資料庫結構須升級至第 " + std::to_string(newest) +
                " 版，但此連線角色無權變更資料表：請以資料表擁有者執行 huji migrate（" +
                s.error().message_zh + "）",
            "the schema must be upgraded to version " + std::to_string(newest) +
                " but this role may not change the tables: run `huji migrate` as the tables' "
                "owner (" +
                s.error().message_en + ")");
      }
      return s;
    }
  }
  schema_version_ = newest;
  return {};
}

Status PgStore::grant_app_role(const std::string& role) {
  auto ident = [](const std::string& name) {
    std::string q = "\"";
    for (char ch : name) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return q + "\"";
  };
  if (role.empty()) {
    return Error::invalid("store.app_role", "請指定應用程式角色", "give the application's role");
  }
  HUJI_ASSIGN_OR_RETURN(Pooled p, acquire());
  auto grant = [&]() -> Status {
    HUJI_ASSIGN_OR_RETURN(auto st, p.conn->prepare("SELECT current_schema()"));
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return Error::internal("store.schema", "找不到目前的 schema", "no current schema");
    const std::string schema = ident(st.text(0)), to = " TO " + ident(role),
                      from = " FROM " + ident(role);
    HUJI_TRY(p.conn->exec(
        "BEGIN; GRANT USAGE ON SCHEMA " + schema + to +
        "; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + to +
        "; GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + schema + to +
        // Append-only: rows are added and read, never changed or removed.
        "; REVOKE UPDATE, DELETE, TRUNCATE ON audit, events" + from +
        "; REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations" + from + "; COMMIT"));
    return {};
  }();
  release(std::move(p.conn));
  return grant;
}

Result<PgStore::Pooled> PgStore::acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  if (!freed_.wait_for(lock, options_.acquire_timeout,
                       [&] { return !idle_.empty() || open_ < options_.pool_size; })) {
    return busy();
  }
  if (!idle_.empty()) {
    Pooled p{std::move(idle_.back()), false};
    idle_.pop_back();
    return p;
  }
  ++open_;
  lock.unlock();
  auto c = Connection::open(url_, *at_, static_cast<int>(options_.writer_timeout.count()));
  if (!c.ok()) {
    lock.lock();
    --open_;
    lock.unlock();
    freed_.notify_one();
    return std::move(c).take_error();
  }
  return Pooled{std::move(c).value(), true};
}

void PgStore::release(std::unique_ptr<Connection> c) {
  if (!c) return;
  if (c->healthy() && !c->idle()) (void)c->exec("ROLLBACK");
  const bool keep = c->healthy() && c->idle();
  if (!keep) c.reset();  // a lost or confused connection is closed, never reused
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (keep) {
      idle_.push_back(std::move(c));
    } else {
      --open_;
    }
  }
  freed_.notify_one();
}

Result<std::unique_ptr<service::Transaction>> PgStore::begin(service::TxMode mode) {
  static const std::string kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  // See the header: READ COMMITTED after the lock, so each statement sees every earlier
  // writer's commit.
  static const std::string kBeginWrite =
      "BEGIN ISOLATION LEVEL READ COMMITTED; "
      "SELECT pg_advisory_xact_lock(" +
      std::to_string(kWriterLock) + ")";
  std::unique_lock<std::timed_mutex> writer(writer_, std::defer_lock);
  if (mode == service::TxMode::kWrite && !writer.try_lock_for(options_.writer_timeout)) {
    return busy();
  }
  // An idle pooled connection may have died meanwhile (a server restart): discard it and try
  // the next; a fresh connection's failure is the answer.
  for (;;) {
    HUJI_ASSIGN_OR_RETURN(Pooled p, acquire());
    auto r = p.conn->exec(mode == service::TxMode::kWrite ? kBeginWrite : kBeginRead);
    if (r.ok()) {
      return std::unique_ptr<service::Transaction>(
          new PgTransaction(this, std::move(p.conn), std::move(writer)));
    }
    const bool stale = !p.fresh && !p.conn->healthy();
    release(std::move(p.conn));
    if (!stale) return std::move(r).take_error();
  }
}

}  // namespace huji::store::postgres
