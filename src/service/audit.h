#ifndef HUJI_SERVICE_AUDIT_H_
#define HUJI_SERVICE_AUDIT_H_

// The audit trail (稽核軌跡): every read or write of personal data appends an entry in the same
// transaction as the use case, so an acknowledged response implies its entry is durable.
// Entries form a SHA-256 hash chain: entry n's hash covers entry n-1's hash and all of n's
// fields, so editing, deleting or reordering any entry breaks verification from there on.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "service/actor.h"
#include "service/store.h"

namespace huji::service {

// The hash of an entry given its fields and prev_hash (entry.hash is ignored).
std::string audit_hash(const AuditEntry& entry);
// Appends `v` length-prefixed ("<bytes>:<v>;"), so that no two different sequences of fields
// serialise alike: what audit_hash and signed checkpoints cover.
void put_field(std::string& out, std::string_view v);

// The purpose recorded for what staff see in their own work lists (業務辦理): the review
// queue, the sampling draw, the office's nationality cases. A list is the clerk's duty, not a
// lookup of someone: it asks for no purpose, and every person shown is audited under their
// own ID number with this one.
inline constexpr const char* kWorkQueuePurpose = "work_queue";

struct AuditRecord {
  std::string action;
  std::string subject_id;
  std::string purpose;
  std::string outcome = "ok";
};

// Appends one chained entry inside `tx` (which must be a write transaction).
core::Status append_audit(AuditTx& tx, const core::Clock& clock, const Actor& actor,
                          const RequestContext& ctx, const AuditRecord& record);
// Several entries, in order, inside `tx`: the chain's end is read once and the entries go to
// the store together (a list of 100 persons is one read, one batch, and the use case's one
// commit).
core::Status append_audit(AuditTx& tx, const core::Clock& clock, const Actor& actor,
                          const RequestContext& ctx, const std::vector<AuditRecord>& records);
// The entry of `record` made by `actor` at `at_ms`, not yet in the chain.
AuditEntry make_audit_entry(int64_t at_ms, const Actor& actor, const RequestContext& ctx,
                            const AuditRecord& record);
// Where the chain ends: the newest entry's seq and hash (seq 0 and no hash: an empty trail).
struct ChainEnd {
  int64_t seq = 0;
  std::string hash;
};
ChainEnd chain_end(const std::optional<AuditEntry>& newest);
// Gives `entry` its place after `end` (seq, prev_hash, hash); `end` then is `entry`'s.
void chain_after(AuditEntry& entry, ChainEnd& end);
// The entry that follows `end` (the trail's newest entry, read once by a caller appending
// many — the audit queue's batch), which then becomes the chain's end.
AuditEntry chain_audit_entry(const core::Clock& clock, const Actor& actor,
                             const RequestContext& ctx, const AuditRecord& record, ChainEnd& end);

struct AuditVerification {
  enum class Finding {
    kNone,
    kChainBroken,    // an entry does not chain to the one before (edited, removed, reordered)
    kTruncated,      // the trail ends before a signed checkpoint's entry
    kRewritten,      // an entry's hash is not the one a checkpoint signed (re-chained)
    kBadCheckpoint,  // a checkpoint not signed by a trusted key
  };
  bool ok = true;
  Finding finding = Finding::kNone;
  int64_t entries = 0;
  int64_t first_bad_seq = 0;  // when !ok
  std::string problem;        // when !ok, in English
  // With checkpoint evidence: how many were checked, and the newest one's entry and time.
  int64_t checkpoints = 0;
  int64_t checkpoint_seq = 0;
  int64_t checkpoint_at_ms = 0;
};

class AuditQueue;
struct CheckpointEvidence;

// Who a username is, for an auditor's screen: the staff member's name and office.
struct StaffName {
  std::string display_name;
  std::string office_name;
};
using StaffNames = std::map<std::string, StaffName>;  // by username

// A page of the trail as an auditor asked for it.
struct AuditListing {
  std::vector<AuditEntry> entries;  // newest first
  StaffNames staff;                 // every username among the entries that is staff
  // The name of the person asked about (a query by subject), if in the register.
  std::optional<std::string> subject_name;
  int64_t next_before = 0;  // the `before_seq` of the next page; 0 when this is the last
};

// What an auditor lists: a page on screen, or the export (a CSV file, larger, audited as such).
enum class AuditUse { kList, kExport };

// The names of `usernames` that are staff (a login tried with an unknown name is not).
core::Result<StaffNames> staff_names(Transaction& tx, const std::vector<std::string>& usernames);

// The actions a weekly sample draws from: the lookups and searches staff make with a stated
// purpose (whole records, summaries, households, door plates, searches by name or address),
// not the persons a lookup shows beside the one asked for nor the work lists (業務辦理).
inline const std::vector<std::string>& audit_sampled_actions() {
  static const std::vector<std::string> kActions = {"person.read",    "person.read_summary",
                                                    "household.read", "door_plate.read",
                                                    "person.search",  "door_plate.search"};
  return kActions;
}
inline constexpr int kDefaultAuditSampleSize = 20;
inline constexpr int kMaxAuditSampleSize = 200;

struct AuditSampleView {
  AuditSampleRecord sample;
  StaffNames staff;  // of the sampled reads' users
};

struct AuditFindingInput {
  int64_t seq = 0;
  std::string finding;  // "normal", "explain", "violation"
  std::string note;
};

class AuditService {
 public:
  // With `queue`, what it has accepted reaches the trail before the trail is read.
  AuditService(Store& store, const core::Clock& clock, AuditQueue* queue = nullptr)
      : store_(store), clock_(clock), queue_(queue) {}

  // Auditors only; scoped to entries made by staff of the auditor's office (a query naming
  // another office is refused: no role sees beyond its own office yet).
  core::Result<AuditListing> list(const Actor& actor, const RequestContext& ctx, AuditQuery query,
                                  AuditUse use = AuditUse::kList);

  // The weekly audit sample (domain/access/audit_sample.h), auditors of the office only.
  // Draws `size` of the office's reads in the week of `day` (not the auditor's own) with a
  // fresh random seed; 409 audit.sample_exists when the week has its sample.
  core::Result<AuditSampleView> draw_sample(const Actor& actor, const RequestContext& ctx,
                                            core::Date day, int size);
  // The office's samples, latest week first.
  core::Result<std::vector<AuditSampleRecord>> samples(const Actor& actor,
                                                       const RequestContext& ctx);
  core::Result<AuditSampleView> sample(const Actor& actor, const RequestContext& ctx, int64_t id);
  // Records (or corrects) the finding on one sampled read; the sample is complete once every
  // read has one.
  core::Result<AuditSampleView> record_finding(const Actor& actor, const RequestContext& ctx,
                                               int64_t id, const AuditFindingInput& input);
  // Walks the whole chain (no actor: an operator's command at the machine) and, given
  // `evidence`, finds each signed checkpoint's entry in it with the signed hash.
  core::Result<AuditVerification> verify(const CheckpointEvidence* evidence = nullptr);

 private:
  // The trail up to this moment: lookups still in the audit journal are moved into it.
  void catch_up();
  core::Result<AuditSampleView> view(Transaction& tx, AuditSampleRecord sample);

  Store& store_;
  const core::Clock& clock_;
  AuditQueue* queue_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_AUDIT_H_
