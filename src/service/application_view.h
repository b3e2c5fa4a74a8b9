#ifndef HUJI_SERVICE_APPLICATION_VIEW_H_
#define HUJI_SERVICE_APPLICATION_VIEW_H_

// An application as the clerk who entered it and the supervisor who reviews it read it: the
// names behind its ID numbers, who entered and reviewed it, whether it is the reader's own
// (four eyes: they may not review it), and in the detailed view what it changes in the register
// (before → after, planned against the register as it is now and written nowhere), the 記事
// it writes (or wrote) and its supporting documents. Built inside the use case's transaction,
// which the caller audits with every ID number in `shown`.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/register/registration.h"
#include "service/actor.h"
#include "service/records.h"
#include "service/transaction.h"

namespace huji::service {

// One field of one person's record that the registration changes; the values as the register
// prints them (names, 民國-free ISO dates, addresses, 稱謂), "" for none. `field` is one of
// person (a person the registration adds: `after` is the name), name, sex, birth_date,
// birth_place, father, mother, spouse, indigenous, status (active | removed), removal_reason,
// address, relation.
struct ApplicationChange {
  std::string person_id;
  std::string field;
  std::string before, after;
};

// One 記事 in the transcript's wording (domain::describe_zh / describe_en).
struct ApplicationEntry {
  std::string person_id;
  std::string text_zh, text_en;
};

struct ApplicationView {
  ApplicationRecord record;
  std::vector<std::pair<std::string, std::string>> names;  // ID number → name, as shown
  std::string entered_by_name, reviewed_by_name;           // staff display names
  bool own = false;       // the reader entered it: they may not review it
  bool detailed = false;  // changes, entries and documents were read
  std::vector<ApplicationChange> changes;
  std::vector<ApplicationEntry> entries;
  std::vector<DocumentRecord> documents;  // without their content
  // A pending application the rules would now refuse (the register changed since entry).
  std::optional<core::Error> preview_refused;
  // Every ID number the view shows (for the audit trail), each once.
  std::vector<std::string> shown;
};

// The view starts with `shown` holding the application's own persons (the service's
// persons_shown); add_details adds those its changes show, then add_names names them all.

// Names of the persons in `shown` and of the staff who entered and reviewed it. `names_cache`
// carries names across the rows of a list.
core::Status add_names(Transaction& tx, const Actor& reader,
                       std::map<std::string, std::string>& names_cache, ApplicationView& view);

// The detail: a pending application's changes and entries from `reg` planned and applied to
// an overlay of the register (nothing is written), a registered one's entries from its events
// (of the persons in `shown`); the documents of any.
core::Status add_details(Transaction& tx, const std::optional<domain::Registration>& reg,
                         const domain::Office& office, core::Date today, ApplicationView& view);

}  // namespace huji::service

#endif  // HUJI_SERVICE_APPLICATION_VIEW_H_
