#ifndef HUJI_SERVICE_INBOUND_SERVICE_H_
#define HUJI_SERVICE_INBOUND_SERVICE_H_

// 外機關通報 (issue 19 item 5): feed files from immigration (出境滿2年未入境, 再入境), death
// reports and court decisions (domain/notify/inbound_feed.h) imported in one transaction per
// file, each record turned into a clerk case of the office that holds the person's household
// (else the importing office) with a limit of 5 working days, which the clerk closes by naming
// the registration that followed it up (e.g. the ex officio move-out, 戶籍法施行細則 §5) or
// with a note why none is needed. Importing a file again changes nothing (its SHA-256, and each
// sender's record id, are kept); several records about one person in one file: the last wins;
// a record whose ID number is not in the register, or whose name differs, is an anomaly.
// A re-entry record closes the person's open abroad-2-years cases.

#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/clock.h"
#include "domain/notify/inbound_feed.h"
#include "service/actor.h"
#include "service/inbound_records.h"
#include "service/store.h"

namespace huji::service {

struct InboundImport {
  InboundFile file;
  bool repeated = false;  // this file (same SHA-256) was imported before: nothing changed
  std::vector<InboundRecord> cases;      // opened now
  std::vector<InboundRecord> anomalies;  // found now
  std::vector<InboundRecord> closed;     // open cases a re-entry record closed now
};

struct InboundCaseView {
  InboundRecord record;
  bool overdue = false;  // open and past its limit
};

struct InboundKpi {
  int year = 0;
  core::Date as_of;
  domain::notify::AbroadCompletion abroad;
};

class InboundService {
 public:
  InboundService(Store& store, const core::Clock& clock, const core::SharedCalendar& calendar)
      : store_(store), clock_(clock), calendar_(calendar) {}

  // Imports `text` as a file of `feed` (immigration | death | court) for the actor's office.
  // A file with a bad line is refused whole (inbound.file, every bad line named).
  core::Result<InboundImport> import(const Actor& actor, const RequestContext& ctx,
                                     const std::string& feed, const std::string& filename,
                                     const std::string& text);
  // The same for the operator at the machine (`huji import`), as a supervisor of `office`.
  core::Result<InboundImport> import_as_operator(const std::string& office, const std::string& feed,
                                                 const std::string& filename,
                                                 const std::string& text);

  // The office's cases, newest first; status open | closed | "" (all), feed "" (all).
  core::Result<std::vector<InboundCaseView>> cases(const Actor& actor, const RequestContext& ctx,
                                                   const std::string& status,
                                                   const std::string& feed);
  core::Result<std::vector<InboundRecord>> anomalies(const Actor& actor, const RequestContext& ctx);
  core::Result<std::vector<InboundFile>> files(const Actor& actor);

  // Closes an open case of the office: by the registration `application_id` (registered, not
  // revoked, of a type that follows the record's event up, about the record's person), or,
  // with application_id 0, by `note` saying why no registration is needed.
  core::Result<InboundCaseView> close(const Actor& actor, const RequestContext& ctx, int64_t id,
                                      int64_t application_id, const std::string& note,
                                      int64_t version);

  // The abroad-2-years completion of the office's cases received in `year` (DOMAIN §9), as
  // the cases stand today.
  core::Result<InboundKpi> kpi(const Actor& actor, int year);

  // Whether a case is overdue on `today` (pure; exposed for tests).
  static InboundCaseView view(const InboundRecord& r, core::Date today);

 private:
  // The records `q` finds, the list and each person in it audited as `action` (purpose
  // work_queue + `what`), in one transaction.
  core::Result<std::vector<InboundRecord>> listed(const Actor& actor, const RequestContext& ctx,
                                                  const InboundQuery& q, const char* action,
                                                  const char* what);

  Store& store_;
  const core::Clock& clock_;
  const core::SharedCalendar& calendar_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_INBOUND_SERVICE_H_
