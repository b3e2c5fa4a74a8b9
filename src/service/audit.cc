#include "service/audit.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "service/audit_checkpoint.h"
#include "service/audit_queue.h"
#include "service/crypto.h"
#include "service/errors.h"

namespace huji::service {

void put_field(std::string& out, std::string_view v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
  out += ';';
}

std::string audit_hash(const AuditEntry& e) {
  std::string canon;
  canon.reserve(256);
  put_field(canon, "huji-audit-v1");
  put_field(canon, e.prev_hash);
  put_field(canon, std::to_string(e.seq));
  put_field(canon, std::to_string(e.at_ms));
  put_field(canon, e.username);
  put_field(canon, e.role);
  put_field(canon, e.office_code);
  put_field(canon, e.action);
  put_field(canon, e.subject_id);
  put_field(canon, e.purpose);
  put_field(canon, e.request_id);
  put_field(canon, e.outcome);
  return sha256_hex(canon);
}

core::Status append_audit(AuditTx& tx, const core::Clock& clock, const Actor& actor,
                          const RequestContext& ctx, const AuditRecord& record) {
  HUJI_ASSIGN_OR_RETURN(const auto newest, tx.last_audit());
  ChainEnd end = chain_end(newest);
  return tx.append_audit(chain_audit_entry(clock, actor, ctx, record, end));
}

core::Status append_audit(AuditTx& tx, const core::Clock& clock, const Actor& actor,
                          const RequestContext& ctx, const std::vector<AuditRecord>& records) {
  if (records.empty()) return {};
  HUJI_ASSIGN_OR_RETURN(const auto newest, tx.last_audit());
  ChainEnd end = chain_end(newest);
  std::vector<AuditEntry> entries;
  entries.reserve(records.size());
  for (const auto& r : records) entries.push_back(chain_audit_entry(clock, actor, ctx, r, end));
  return tx.append_audits(entries);
}

AuditEntry make_audit_entry(int64_t at_ms, const Actor& actor, const RequestContext& ctx,
                            const AuditRecord& record) {
  AuditEntry e;
  e.at_ms = at_ms;
  e.username = actor.username;
  e.role = actor.anonymous ? "" : domain::role_code(actor.role);
  e.office_code = actor.office_code;
  e.action = record.action;
  e.subject_id = record.subject_id;
  e.purpose = record.purpose;
  e.request_id = ctx.request_id;
  e.outcome = record.outcome;
  return e;
}

ChainEnd chain_end(const std::optional<AuditEntry>& newest) {
  if (!newest) return {};
  return {newest->seq, newest->hash};
}

void chain_after(AuditEntry& e, ChainEnd& end) {
  e.seq = end.seq + 1;
  e.prev_hash = end.hash;
  e.hash = audit_hash(e);
  end.seq = e.seq;
  end.hash = e.hash;  // into the capacity the previous hash had: no allocation per entry
}

AuditEntry chain_audit_entry(const core::Clock& clock, const Actor& actor,
                             const RequestContext& ctx, const AuditRecord& record, ChainEnd& end) {
  AuditEntry e = make_audit_entry(clock.now_ms(), actor, ctx, record);
  chain_after(e, end);
  return e;
}

core::Result<StaffNames> staff_names(Transaction& tx, const std::vector<std::string>& usernames) {
  StaffNames names;
  std::map<std::string, std::string> offices;  // code → name, each office read once
  for (const std::string& username : usernames) {
    if (names.count(username)) continue;
    HUJI_ASSIGN_OR_RETURN(auto user, tx.find_user(username));
    if (!user) continue;
    auto office = offices.find(user->office_code);
    if (office == offices.end()) {
      HUJI_ASSIGN_OR_RETURN(auto o, tx.find_office(user->office_code));
      office = offices.emplace(user->office_code, o ? o->name : std::string()).first;
    }
    names[username] = {user->display_name, office->second};
  }
  return names;
}

void AuditService::catch_up() {
  // Lookups answered a moment ago may still be in the audit journal: the auditor sees them.
  if (queue_) queue_->drain();
}

core::Result<AuditListing> AuditService::list(const Actor& actor, const RequestContext& ctx,
                                              AuditQuery query, AuditUse use) {
  if (!domain::role_has(actor.role, domain::Permission::kReadAudit)) {
    return errors::forbidden("audit.list");
  }
  if (!query.subject_id && !query.username && !query.from_ms) {
    return core::Error::invalid("audit.filter_required", "請指定查詢對象、使用者或日期",
                                "give a subject, a user or a day");
  }
  if (query.office_code && *query.office_code != actor.office_code) {
    return core::Error::denied("audit.office_scope", "您只能查閱本所人員的存取紀錄",
                               "you may only see what the staff of your own office did");
  }
  const int max = use == AuditUse::kExport ? 10'000 : 1000;
  if (query.limit <= 0 || query.limit > max) query.limit = use == AuditUse::kExport ? max : 200;
  query.office_code = actor.office_code;
  catch_up();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  AuditListing out;
  HUJI_ASSIGN_OR_RETURN(out.entries, tx->query_audit(query));
  if (static_cast<int>(out.entries.size()) == query.limit) out.next_before = out.entries.back().seq;
  std::vector<std::string> usernames;
  usernames.reserve(out.entries.size());
  for (const auto& e : out.entries) usernames.push_back(e.username);
  HUJI_ASSIGN_OR_RETURN(out.staff, staff_names(*tx, usernames));
  // The person's name only when the office's trail has entries about them: an auditor reads
  // the trail, not the register (no kReadPerson), so a number the office never touched tells
  // nothing of whether or whom it names. Recorded below under the person's ID number.
  if (query.subject_id && !out.entries.empty()) {
    HUJI_ASSIGN_OR_RETURN(auto person, tx->find_person(*query.subject_id));
    if (person) out.subject_name = person->name;
  }
  // Reading the trail is itself recorded: who audited whom (and who took a copy away).
  std::string purpose = query.subject_id ? "subject" : query.username ? "user" : "day";
  const char* action = use == AuditUse::kExport ? "audit.export" : "audit.list";
  const char* verb = use == AuditUse::kExport ? "audit export by " : "audit by ";
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {action, query.subject_id.value_or(""), verb + purpose}));
  HUJI_TRY(tx->commit());
  return out;
}

core::Result<AuditVerification> AuditService::verify(const CheckpointEvidence* evidence) {
  AuditVerification v;
  auto fail = [&](AuditVerification::Finding finding, int64_t seq, std::string why) {
    v.ok = false;
    v.finding = finding;
    v.first_bad_seq = seq;
    v.problem = std::move(why);
  };
  // Each checkpoint must be signed by a trusted key; then its entry is looked for by seq.
  std::multimap<int64_t, const AuditCheckpoint*> signed_at;
  const AuditCheckpoint* newest_cp = nullptr;
  if (evidence) {
    for (const AuditCheckpoint& cp : evidence->checkpoints) {
      const bool trusted = std::find(evidence->trusted_keys.begin(), evidence->trusted_keys.end(),
                                     cp.public_key) != evidence->trusted_keys.end();
      if (!trusted || !checkpoint_signature_valid(cp)) {
        fail(AuditVerification::Finding::kBadCheckpoint, cp.seq,
             "the checkpoint of entry " + std::to_string(cp.seq) + " signed at " +
                 std::to_string(cp.at_ms) + " ms " +
                 (trusted ? "has an invalid signature"
                          : "is signed by an untrusted key " + cp.public_key));
        return v;
      }
      signed_at.emplace(cp.seq, &cp);
      if (!newest_cp || cp.seq >= newest_cp->seq) newest_cp = &cp;
    }
    v.checkpoints = static_cast<int64_t>(evidence->checkpoints.size());
    if (newest_cp) {
      v.checkpoint_seq = newest_cp->seq;
      v.checkpoint_at_ms = newest_cp->at_ms;
    }
  }
  catch_up();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  std::string prev;
  int64_t expect_seq = 1;
  HUJI_TRY(tx->scan_audit([&](const AuditEntry& e) {
    auto broken = [&](std::string why) {
      fail(AuditVerification::Finding::kChainBroken, e.seq, std::move(why));
      return false;
    };
    if (e.seq != expect_seq) return broken("sequence gap: expected " + std::to_string(expect_seq));
    if (e.prev_hash != prev) return broken("prev_hash does not match the previous entry");
    if (audit_hash(e) != e.hash) return broken("hash does not match the entry's contents");
    const auto [from, to] = signed_at.equal_range(e.seq);
    for (auto it = from; it != to; ++it) {
      if (it->second->hash != e.hash) {
        fail(AuditVerification::Finding::kRewritten, e.seq,
             "entry " + std::to_string(e.seq) + " is not the one the checkpoint signed at " +
                 std::to_string(it->second->at_ms) +
                 " ms covers: entries up to it were removed or rewritten and the chain "
                 "recomputed");
        return false;
      }
    }
    prev = e.hash;
    ++expect_seq;
    ++v.entries;
    return true;
  }));
  if (v.ok && newest_cp && newest_cp->seq > v.entries) {
    fail(AuditVerification::Finding::kTruncated, v.entries + 1,
         "the trail ends at entry " + std::to_string(v.entries) + " but the checkpoint signed at " +
             std::to_string(newest_cp->at_ms) + " ms covers entry " +
             std::to_string(newest_cp->seq) + ": entries " + std::to_string(v.entries + 1) +
             " to " + std::to_string(newest_cp->seq) + " were deleted");
  }
  return v;
}

}  // namespace huji::service
