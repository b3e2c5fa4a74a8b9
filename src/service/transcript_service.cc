#include "service/transcript_service.h"

#include <algorithm>
#include <set>
#include <utility>

#include "core/id_number.h"
#include "domain/register/event_keys.h"
#include "service/audit.h"
#include "service/charges.h"
#include "service/crypto.h"
#include "service/errors.h"

namespace huji::service {

using core::Error;
using core::Result;
using domain::TranscriptOptions;

namespace {

constexpr size_t kMaxTextBytes = 200;

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// The relations an applicant may state.
constexpr const char* kSelf = "本人";
constexpr const char* kMember = "戶內人口";
constexpr const char* kInterested = "利害關係人";
constexpr const char* kAgent = "受託人";

Error bad(const std::string& code, const std::string& zh, const std::string& en) {
  return Error::invalid("transcript." + code, zh, en);
}

Result<std::string> id_of(const std::string& text, const std::string& code,
                          const std::string& what_zh, const std::string& what_en) {
  auto id = core::IdNumber::parse(trim(text));
  if (!id.ok()) {
    return bad(code, what_zh + "統一編號格式錯誤：" + id.error().message_zh,
               what_en + " ID number is malformed: " + id.error().message_en);
  }
  return id->str();
}

// The schedule's items and waiver for transcripts (data/fees/schedule.txt).
constexpr const char* kSheetItem = "transcript_sheet";
constexpr const char* kEnglishItem = "transcript_en";

// What a transcript prints, as the issued document's fields (their digest is signed in the QR
// code and the public check lists them): every line of the paper — the household block, each
// person's fields and 記事 — so that a paper with any field altered does not match.
DocumentDraft draft_of(const domain::Transcript& t) {
  DocumentDraft d{"transcript", t.office_code, t.issued_on, {}};
  auto& out = d.printed;
  out.push_back({"title", t.title});
  out.push_back({"household_no", t.household_no});
  out.push_back({"household_kind", t.household_kind});
  out.push_back({"address", t.address});
  out.push_back({"head", t.head_name});
  for (const auto& h : t.former_heads) out.push_back({"former_head", h});
  for (const auto& e : t.household_entries) out.push_back({"household_entry", e});
  for (const auto& p : t.persons) {
    domain::visit_person_texts(p, [&](std::string_view name, const std::string& value) {
      out.push_back({"person." + std::string(name), value});
    });
    for (const auto& e : p.entries) out.push_back({"person.entry", e});
  }
  out.push_back({"office", t.office_name});
  out.push_back({"issued_on", t.issued_on_text});
  return d;
}

Error transcript_not_found() {
  return Error::not_found("transcript.not_found", "查無此謄本", "no such transcript");
}

}  // namespace

// A request checked for form, before the register is read.
struct TranscriptService::Checked {
  std::string subject_id;  // canonical, or ""
  std::string household_no;
  TranscriptOptions options;
  int copies = 1;
  std::optional<TranscriptApplicant> applicant;
  std::string reason;
  std::string purpose;
  std::string waiver;
  std::string fingerprint;  // of everything above: the idempotency key's
};

// What a checked request prints, read and built inside the use case's transaction.
struct TranscriptService::Prepared {
  domain::Transcript content;
  ChargeRequest charge;  // the fee's item, quantity and waiver (sheets known once rendered)
  domain::FeeQuote fee;
};

Result<TranscriptService::Checked> TranscriptService::check_request(
    const TranscriptRequest& in) const {
  Checked c;
  c.purpose = trim(in.purpose);
  if (c.purpose.empty()) {
    return bad("purpose_required", "請填寫申請謄本之事由（用途）",
               "a purpose is required to issue a transcript");
  }
  if (c.purpose.size() > kMaxTextBytes) {
    return bad("purpose_too_long", "事由過長（上限 200 位元組）", "purpose too long (200 bytes)");
  }
  const std::string subject = trim(in.subject_id);
  const std::string household = trim(in.household_no);
  if (subject.empty() == household.empty()) {
    return bad("subject_required", "請輸入當事人統一編號或戶號（擇一）",
               "give either subject_id or household_no, not both");
  }
  if (!subject.empty()) {
    HUJI_ASSIGN_OR_RETURN(c.subject_id, id_of(subject, "subject_id", "當事人", "the subject's"));
  } else if (household.size() > 16) {
    return Error::invalid("household.number", "戶號格式錯誤", "malformed household number");
  } else {
    c.household_no = household;
  }
  auto scope = domain::scope_from_code(in.scope.empty() ? "current" : in.scope);
  if (!scope) {
    return bad("scope", "謄本種類須為現戶（current）或除戶（removed）",
               "scope must be current or removed");
  }
  auto detail = domain::detail_from_code(in.detail.empty() ? "full" : in.detail);
  if (!detail) {
    return bad("detail", "記事須為詳細（full）或省略（short）", "detail must be full or short");
  }
  auto language = domain::language_from_code(in.language.empty() ? "zh" : in.language);
  if (!language)
    return bad("language", "語文須為中文（zh）或英文（en）", "language must be zh or en");
  c.options.scope = *scope;
  c.options.detail = *detail;
  c.options.language = *language;
  if (in.members.size() > kMaxMembers) {
    return bad("members", "指定之人過多（上限 50 人）", "too many members (50 at most)");
  }
  for (size_t i = 0; i < in.members.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    HUJI_ASSIGN_OR_RETURN(std::string id, id_of(in.members[i], "members", "第 " + n + " 位指定之人",
                                                "member " + n + "'s"));
    c.options.members.push_back(std::move(id));
  }
  c.copies = in.copies.value_or(1);
  if (c.copies < 1 || c.copies > kMaxCopies) {
    return bad("copies", "份數須為 1 至 10", "copies must be 1 to 10");
  }
  if (in.applicant) {
    TranscriptApplicant a;
    a.name = trim(in.applicant->name);
    a.relation = trim(in.applicant->relation);
    if (a.name.empty() || a.name.size() > kMaxTextBytes) {
      return bad("applicant_name", "請填寫申請人姓名", "the applicant's name is required");
    }
    HUJI_ASSIGN_OR_RETURN(
        a.id_number, id_of(in.applicant->id_number, "applicant_id", "申請人", "the applicant's"));
    if (a.relation != kSelf && a.relation != kMember && a.relation != kInterested &&
        a.relation != kAgent) {
      return bad("applicant_relation", "申請人身分須為本人、戶內人口、利害關係人或受託人",
                 "the applicant's relation must be 本人, 戶內人口, 利害關係人 or 受託人");
    }
    c.applicant = std::move(a);
  }
  c.waiver = trim(in.waiver);
  if (c.waiver.size() > 40) {
    return Error::invalid("fee.unknown_waiver", "沒有此減免事由", "no such waiver");
  }
  c.reason = trim(in.reason);
  if (c.reason.size() > kMaxTextBytes) {
    return bad("reason_too_long", "申請理由過長（上限 200 位元組）", "reason too long (200 bytes)");
  }
  std::string members;
  for (const auto& m : c.options.members) members += m + ",";
  const TranscriptApplicant none;
  const TranscriptApplicant& a = c.applicant ? *c.applicant : none;
  c.fingerprint = sha256_of_fields(
      {c.subject_id, c.household_no, domain::scope_code(c.options.scope),
       domain::detail_code(c.options.detail), domain::language_code(c.options.language), members,
       std::to_string(c.copies), c.applicant ? "1" : "0", a.name, a.id_number, a.relation, c.reason,
       c.purpose, c.waiver});
  return c;
}

namespace {

// The register's facts about household `no` (domain::HouseholdFacts).
Result<domain::HouseholdFacts> read_facts(Transaction& tx, const std::string& no) {
  domain::HouseholdFacts f;
  f.household_no = no;
  HUJI_ASSIGN_OR_RETURN(f.household, tx.find_household(no));
  HUJI_ASSIGN_OR_RETURN(f.members, tx.household_members(no));
  HUJI_ASSIGN_OR_RETURN(f.household_events, tx.events_of_household(no));
  std::set<std::string> seen;
  for (const auto& m : f.members) seen.insert(m.id_number);
  for (const auto& e : f.household_events) {
    if (!seen.insert(e.subject_id).second) continue;
    HUJI_ASSIGN_OR_RETURN(auto p, tx.find_person(e.subject_id));
    if (p) f.others.push_back(std::move(*p));
  }
  auto name_of = [&](const std::optional<std::string>& id) -> core::Status {
    if (!id || f.names.contains(*id)) return {};
    HUJI_ASSIGN_OR_RETURN(auto p, tx.find_person(*id));
    if (p) f.names[*id] = p->name;
    return {};
  };
  for (const auto* list : {&f.members, &f.others}) {
    for (const auto& p : *list) {
      f.names[p.id_number] = p.name;
    }
  }
  for (const auto* list : {&f.members, &f.others}) {
    for (const auto& p : *list) {
      HUJI_TRY(name_of(p.father_id));
      HUJI_TRY(name_of(p.mother_id));
      HUJI_TRY(name_of(p.spouse_id));
      HUJI_ASSIGN_OR_RETURN(f.events[p.id_number], tx.events_of(p.id_number));
    }
  }
  // The address: the household's plate, or the last plate an entry placed it at.
  std::optional<int64_t> plate_id;
  if (f.household) plate_id = f.household->door_plate_id;
  for (auto it = f.household_events.rbegin(); !plate_id && it != f.household_events.rend(); ++it) {
    auto d = it->data.find(domain::event_key::kDoorPlateId);
    if (d != it->data.end()) plate_id = std::stoll(d->second);
  }
  if (plate_id) {
    HUJI_ASSIGN_OR_RETURN(auto plate, tx.find_door_plate(*plate_id));
    if (plate) f.address = plate->address.format();
  }
  return f;
}

}  // namespace

Result<TranscriptService::Prepared> TranscriptService::prepare(Transaction& tx, const Actor& actor,
                                                               const RequestContext& ctx,
                                                               const Checked& in,
                                                               const char* action) {
  // A refusal once the register is read is audited under what was asked for: the attempt is
  // what the auditor asks about, not only what was shown.
  auto refuse = [&](const std::string& subject, const std::string& outcome,
                    Error e) -> Result<Prepared> {
    HUJI_TRY(append_audit(tx, clock_, actor, ctx, {action, subject, in.purpose, outcome}));
    HUJI_TRY(tx.commit());
    return e;
  };
  std::string household_no = in.household_no;
  if (!in.subject_id.empty()) {
    HUJI_ASSIGN_OR_RETURN(auto person, tx.find_person(in.subject_id));
    if (!person) {
      return refuse(in.subject_id, "not_found",
                    Error::not_found("person.not_found", "查無此統一編號之戶籍資料",
                                     "no one with that ID number is in the register"));
    }
    household_no = person->household_no;
    if (household_no.empty()) {  // removed: the household of their last entry
      HUJI_ASSIGN_OR_RETURN(auto events, tx.events_of(person->id_number));
      for (auto it = events.rbegin(); household_no.empty() && it != events.rend(); ++it) {
        household_no = it->household_no;
      }
    }
  }
  const std::string subject = "戶:" + household_no;
  auto no_household = [&](const std::string& who) {
    return refuse(who, "not_found",
                  Error::not_found("household.not_found", "查無此戶號之戶籍資料",
                                   "no household with that number is in the register"));
  };
  if (household_no.empty()) return no_household(in.subject_id);
  HUJI_ASSIGN_OR_RETURN(auto facts, read_facts(tx, household_no));
  if (!facts.household && facts.household_events.empty()) return no_household(subject);
  auto built = domain::build_transcript(facts, in.options);
  if (!built.ok()) return refuse(subject, "rejected", std::move(built).take_error());
  Prepared p;
  p.content = std::move(*built);

  if (in.applicant) {
    const auto printed = domain::printed_ids(p.content);
    const std::string& who = in.applicant->id_number;
    const bool printed_self = std::find(printed.begin(), printed.end(), who) != printed.end();
    const bool member = std::any_of(facts.members.begin(), facts.members.end(),
                                    [&](const auto& m) { return m.id_number == who; });
    const std::string& relation = in.applicant->relation;
    if (relation == kSelf && !printed_self) {
      return refuse(subject, "denied",
                    Error::denied("transcript.relation_mismatch",
                                  "申請人非謄本所載之本人，請改選其身分並填寫申請理由",
                                  "the applicant is not one of the persons printed"));
    }
    if (relation == kMember && !member) {
      return refuse(subject, "denied",
                    Error::denied("transcript.relation_mismatch",
                                  "申請人非此戶之戶內人口，請改選其身分並填寫申請理由",
                                  "the applicant is not a member of this household"));
    }
    if (!printed_self && !member && in.reason.empty()) {
      return refuse(subject, "denied",
                    Error::denied("transcript.unrelated",
                                  "申請人非本人或戶內人口，利害關係人或受託人須填寫申請理由",
                                  "an applicant who is neither a person printed nor a household "
                                  "member must give a reason (interest or power of attorney)"));
    }
  }

  HUJI_ASSIGN_OR_RETURN(auto office, tx.find_office(actor.office_code));
  const core::Date today = clock_.today_taipei();
  p.content.office_code = actor.office_code;
  p.content.office_name = office ? office->name : actor.office_name;
  p.content.issued_on = today;
  p.content.issued_on_text = domain::transcript_date(today, in.options.language);
  p.charge.office_code = actor.office_code;
  p.charge.waiver = in.waiver;
  p.charge.ref_kind = "transcript";
  p.charge.on = today;
  p.charge.by = actor.username;
  return p;
}

// The fee of `sheets` sheets in `copies` copies: per sheet in Chinese, per copy in English
// (the first copy's fee, then the extra one's).
core::Status TranscriptService::quote(Prepared& p, const Checked& in, int sheets) const {
  const bool english = in.options.language == domain::TranscriptLanguage::kEn;
  p.charge.item = english ? kEnglishItem : kSheetItem;
  p.charge.quantity = english ? in.copies : sheets * in.copies;
  HUJI_ASSIGN_OR_RETURN(
      p.fee, fees_.get()->quote(p.charge.item, p.charge.on, p.charge.quantity, p.charge.waiver));
  return {};
}

Result<TranscriptRecord> TranscriptService::issue(const Actor& actor, const RequestContext& ctx,
                                                  const TranscriptRequest& request,
                                                  const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kReadPerson)) {
    return errors::forbidden("transcript.issue");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  HUJI_ASSIGN_OR_RETURN(Checked in, check_request(request));
  // The key's earlier answer, if any (a retry, or a concurrent request that finished first).
  auto earlier = [&](Transaction& tx) -> Result<std::optional<TranscriptRecord>> {
    HUJI_ASSIGN_OR_RETURN(auto prior, tx.find_idempotency(actor.username, key));
    if (!prior) return std::optional<TranscriptRecord>();
    if (prior->operation != kTranscriptIssueAction || prior->fingerprint != in.fingerprint) {
      return errors::idempotency_key_reused();
    }
    HUJI_ASSIGN_OR_RETURN(auto first, tx.find_transcript(prior->resource_id));
    if (!first) return transcript_not_found();
    return first;
  };
  // 1. Read the register and check who asks (a refusal is audited and committed there).
  Prepared p;
  {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
    HUJI_ASSIGN_OR_RETURN(auto first, earlier(*tx));
    if (first) return std::move(*first);
    HUJI_ASSIGN_OR_RETURN(p, prepare(*tx, actor, ctx, in, kTranscriptIssueAction));
  }  // nothing written: rolled back, the writers' lock released
  // 2. Stamp and draw with no transaction open: the drawing is most of an issue's time, and
  // every write of the office would wait on it under the writers' lock. The check code and the
  // QR are printed on every sheet, so the stamp comes first.
  const DocumentDraft draft = draft_of(p.content);
  const DocumentStamp stamp = signer_.stamp(draft);
  HUJI_ASSIGN_OR_RETURN(RenderedTranscript rendered,
                        renderer_.render(p.content, stamp.check_code_grouped, stamp.qr_text));
  HUJI_TRY(quote(p, in, rendered.sheets));
  // 3. Write it all in one transaction: the document, the transcript, the charge, the key and
  // the audit entries, or nothing. The register as read in 1 is what the paper shows, as of
  // that moment.
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto first, earlier(*tx));
  if (first) return std::move(*first);
  const int64_t now = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(
      IssuedDocument doc,
      record_document(*tx, draft, stamp, std::move(rendered.pdf), actor.username, now));
  TranscriptRecord r;
  r.office_code = actor.office_code;
  r.household_no = p.content.household_no;
  r.subject_id = in.subject_id;
  r.options = in.options;
  r.copies = in.copies;
  if (in.applicant) r.applicant = *in.applicant;
  r.reason = in.reason;
  r.purpose = in.purpose;
  r.sheets = rendered.sheets;
  r.fee = p.fee.amount;
  r.check_code = stamp.check_code_grouped;
  r.pdf_sha256 = doc.pdf_sha256;
  r.document_id = doc.id;
  r.content = std::move(p.content);
  r.issued_by = actor.username;
  r.issued_ms = now;
  HUJI_ASSIGN_OR_RETURN(r.id, tx->insert_transcript(r));
  p.charge.ref_id = r.id;
  p.charge.now_ms = now;
  HUJI_TRY(charge_fee(*tx, *fees_.get(), p.charge));
  HUJI_TRY(tx->put_idempotency(
      {actor.username, key, kTranscriptIssueAction, in.fingerprint, r.id, r.issued_ms}));
  const std::string purpose = in.purpose + "（謄本 #" + std::to_string(r.id) + "）";
  std::vector<AuditRecord> records{{kTranscriptIssueAction, "戶:" + r.household_no, purpose, "ok"}};
  for (const auto& id : domain::printed_ids(r.content)) {
    records.push_back({kTranscriptIssueAction, id, purpose, "ok"});
  }
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, records));
  HUJI_TRY(tx->commit());
  return r;
}

Result<TranscriptPreview> TranscriptService::preview(const Actor& actor, const RequestContext& ctx,
                                                     const TranscriptRequest& request) {
  if (!domain::role_has(actor.role, domain::Permission::kReadPerson)) {
    return errors::forbidden("transcript.preview");
  }
  HUJI_ASSIGN_OR_RETURN(Checked in, check_request(request));
  auto read_and_audit = [&]() -> Result<Prepared> {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
    HUJI_ASSIGN_OR_RETURN(Prepared prepared,
                          prepare(*tx, actor, ctx, in, kTranscriptPreviewAction));
    std::vector<AuditRecord> records{
        {kTranscriptPreviewAction, "戶:" + prepared.content.household_no, in.purpose, "ok"}};
    for (const auto& id : domain::printed_ids(prepared.content)) {
      records.push_back({kTranscriptPreviewAction, id, in.purpose, "ok"});
    }
    HUJI_TRY(append_audit(*tx, clock_, actor, ctx, records));
    HUJI_TRY(tx->commit());
    return prepared;
  };
  HUJI_ASSIGN_OR_RETURN(Prepared p, read_and_audit());
  // The sheets as printed (the check code's line and the QR take the same room unstamped),
  // drawn once the register is read and the reads audited: never under the writers' lock,
  // which every other write of the office would wait on.
  HUJI_ASSIGN_OR_RETURN(RenderedTranscript rendered, renderer_.render(p.content, "", ""));
  HUJI_TRY(quote(p, in, rendered.sheets));
  return TranscriptPreview{std::move(p.content), rendered.sheets, in.copies, p.fee.amount};
}

Result<TranscriptRecord> TranscriptService::get(const Actor& actor, const RequestContext& ctx,
                                                int64_t id, bool with_pdf) {
  if (!domain::role_has(actor.role, domain::Permission::kReadPerson)) {
    return errors::forbidden("transcript.read");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto r, tx->find_transcript(id));
  // Another office's transcript is not found here: its record is that office's.
  if (!r || r->office_code != actor.office_code) return transcript_not_found();
  if (with_pdf) {
    HUJI_ASSIGN_OR_RETURN(auto pdf, tx->issued_document_pdf(r->document_id));
    if (!pdf) return transcript_not_found();
    r->pdf = std::move(*pdf);
  }
  const std::string purpose =
      std::string(with_pdf ? "列印謄本" : "檢視謄本") + " #" + std::to_string(id);
  std::vector<AuditRecord> records;
  for (const auto& pid : domain::printed_ids(r->content)) {
    records.push_back({kTranscriptReadAction, pid, purpose, "ok"});
  }
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, records));
  HUJI_TRY(tx->commit());
  return std::move(*r);
}

}  // namespace huji::service
