// The weekly audit sample (DOMAIN.md §10: 每週執行系統稽核作業): AuditService's use cases that
// draw it, list it and record the auditor's findings. The rule of the draw is
// domain/access/audit_sample.h; here are who may, which reads, and what is kept and audited.

#include <algorithm>
#include <string>

#include "domain/access/audit_sample.h"
#include "service/audit.h"
#include "service/crypto.h"
#include "service/errors.h"

namespace huji::service {

namespace {

core::Error sample_not_found() {
  return core::Error::not_found("audit.sample_not_found", "查無此稽核抽樣", "no such audit sample");
}

core::Status check_auditor(const Actor& actor) {
  if (!domain::role_has(actor.role, domain::Permission::kReadAudit)) {
    return errors::forbidden("audit.sample");
  }
  return {};
}

std::string sample_ref(int64_t id) { return "稽核抽樣 #" + std::to_string(id); }

}  // namespace

core::Result<AuditSampleView> AuditService::view(Transaction& tx, AuditSampleRecord sample) {
  std::vector<std::string> usernames;
  usernames.reserve(sample.items.size());
  for (const auto& i : sample.items) usernames.push_back(i.entry.username);
  AuditSampleView v;
  HUJI_ASSIGN_OR_RETURN(v.staff, staff_names(tx, usernames));
  v.sample = std::move(sample);
  return v;
}

core::Result<AuditSampleView> AuditService::draw_sample(const Actor& actor,
                                                        const RequestContext& ctx, core::Date day,
                                                        int size) {
  HUJI_TRY(check_auditor(actor));
  if (size < 1 || size > kMaxAuditSampleSize) {
    return core::Error::invalid(
        "audit.sample_size", "抽樣筆數須介於 1 與 " + std::to_string(kMaxAuditSampleSize) + " 之間",
        "the sample size must be 1 to " + std::to_string(kMaxAuditSampleSize));
  }
  const core::Date week = domain::audit_week_start(day);
  if (week > domain::audit_week_start(clock_.today_taipei())) {
    return core::Error::unprocessable("audit.sample_future", "尚未到該週，無存取紀錄可抽樣",
                                      "that week has not begun: there are no reads to sample");
  }
  catch_up();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto existing, tx->find_audit_sample_of_week(actor.office_code, week));
  auto exists = [&] {
    return core::Error::conflict("audit.sample_exists",
                                 "本週（" + week.to_roc() + " 起）已抽樣，請開啟該次抽樣",
                                 "the week of " + week.to_iso() + " already has its sample");
  };
  if (existing) return exists();

  AuditSampleRecord r;
  r.office_code = actor.office_code;
  r.week_start = week;
  r.size = size;
  HUJI_ASSIGN_OR_RETURN(auto newest, tx->last_audit());
  r.upto_seq = newest ? newest->seq : 0;
  HUJI_ASSIGN_OR_RETURN(auto population, tx->audit_sample_population(
                                             actor.office_code, core::taipei_day_start_ms(week),
                                             core::taipei_day_start_ms(week.add_days(7)),
                                             r.upto_seq, actor.username, audit_sampled_actions()));
  r.population = static_cast<int64_t>(population.size());
  const uint64_t seed = random_u64();
  r.seed = std::to_string(seed);
  for (int64_t seq : domain::draw_audit_sample(std::move(population), size, seed)) {
    AuditSampleItem item;
    item.seq = seq;
    r.items.push_back(std::move(item));
  }
  r.drawn_by = actor.username;
  r.drawn_ms = clock_.now_ms();
  if (r.items.empty()) r.completed_ms = r.drawn_ms;  // a week without reads: nothing to check
  HUJI_ASSIGN_OR_RETURN(auto id, tx->insert_audit_sample(r));
  if (!id) return exists();
  HUJI_ASSIGN_OR_RETURN(auto stored, tx->find_audit_sample(*id));
  if (!stored) return sample_not_found();
  HUJI_ASSIGN_OR_RETURN(auto v, view(*tx, std::move(*stored)));
  HUJI_TRY(
      append_audit(*tx, clock_, actor, ctx,
                   {"audit.sample_draw", "",
                    sample_ref(*id) + " " + week.to_iso() + " " + std::to_string(r.items.size()) +
                        "/" + std::to_string(r.population) + " seed " + r.seed}));
  HUJI_TRY(tx->commit());
  return v;
}

core::Result<std::vector<AuditSampleRecord>> AuditService::samples(const Actor& actor,
                                                                   const RequestContext& ctx) {
  HUJI_TRY(check_auditor(actor));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto list, tx->list_audit_samples(actor.office_code, 104));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"audit.sample_list", "", "每週稽核抽樣清單"}));
  HUJI_TRY(tx->commit());
  return list;
}

core::Result<AuditSampleView> AuditService::sample(const Actor& actor, const RequestContext& ctx,
                                                   int64_t id) {
  HUJI_TRY(check_auditor(actor));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_audit_sample(id));
  // Another office's sample is not this auditor's to know of.
  if (!found || found->office_code != actor.office_code) return sample_not_found();
  HUJI_ASSIGN_OR_RETURN(auto v, view(*tx, std::move(*found)));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"audit.sample_read", "", sample_ref(id)}));
  HUJI_TRY(tx->commit());
  return v;
}

core::Result<AuditSampleView> AuditService::record_finding(const Actor& actor,
                                                           const RequestContext& ctx, int64_t id,
                                                           const AuditFindingInput& in) {
  HUJI_TRY(check_auditor(actor));
  domain::AuditFinding finding = domain::AuditFinding::kNormal;
  if (!domain::audit_finding_from_code(in.finding, finding)) {
    return core::Error::invalid("audit.finding", "finding 須為 normal、explain 或 violation",
                                "finding must be normal, explain or violation");
  }
  std::string note = in.note;
  note.erase(0, note.find_first_not_of(" \t\r\n"));
  note.erase(note.find_last_not_of(" \t\r\n") + 1);
  if (domain::audit_finding_needs_note(finding) && note.empty()) {
    return core::Error::invalid("audit.finding_note", "「需說明」與「違規」須寫明理由",
                                "a finding of 'explain' or 'violation' needs a note");
  }
  if (note.size() > 2000) {
    return core::Error::invalid("audit.finding_note", "說明至多 2000 位元組",
                                "the note may be at most 2,000 bytes");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_audit_sample(id));
  if (!found || found->office_code != actor.office_code) return sample_not_found();
  auto item = std::find_if(found->items.begin(), found->items.end(),
                           [&](const AuditSampleItem& i) { return i.seq == in.seq; });
  if (item == found->items.end()) {
    return core::Error::not_found("audit.sample_item_not_found", "此抽樣無該筆存取紀錄",
                                  "that read is not in this sample");
  }
  // 稽核 is independent of the work audited: no one judges their own reads.
  if (item->entry.username == actor.username) {
    return core::Error::denied("audit.own_read", "不得稽核自己的存取紀錄",
                               "you may not audit your own reads");
  }
  item->finding = domain::audit_finding_code(finding);
  item->note = note;
  item->recorded_by = actor.username;
  item->recorded_ms = clock_.now_ms();
  HUJI_TRY(tx->set_audit_finding(id, *item));
  const std::string subject = item->entry.subject_id;
  const std::string purpose =
      sample_ref(id) + " 紀錄 #" + std::to_string(in.seq) + " " + item->finding;
  const bool all_done = std::all_of(found->items.begin(), found->items.end(),
                                    [](const AuditSampleItem& i) { return !i.finding.empty(); });
  if (all_done && found->completed_ms == 0) {
    found->completed_ms = clock_.now_ms();
    HUJI_TRY(tx->set_audit_sample_completed(id, found->completed_ms));
  }
  HUJI_ASSIGN_OR_RETURN(auto v, view(*tx, std::move(*found)));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"audit.finding", subject, purpose}));
  HUJI_TRY(tx->commit());
  return v;
}

}  // namespace huji::service
