#include "service/seal_service.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/id_number.h"
#include "core/utf8.h"
#include "seal/compare.h"
#include "service/audit.h"
#include "service/charges.h"
#include "service/crypto.h"
#include "service/errors.h"

namespace huji::service {

using core::Error;
using core::Result;
using domain::documents::SealVerdict;

namespace {

constexpr size_t kMaxReason = 200;  // characters

// Length in characters; text that is not UTF-8 counts as too long.
size_t length_of(const std::string& s) {
  std::u32string decoded;
  return core::utf8::decode(s, decoded) ? decoded.size() : SIZE_MAX;
}

Error seal_not_found(int64_t id) {
  return Error::not_found("seal.not_found", "查無此印鑑 #" + std::to_string(id),
                          "no seal #" + std::to_string(id));
}

Error person_not_found(const std::string& id) {
  return Error::not_found("person.not_found", "查無此人：" + id, "no person " + id);
}

// Whether the person may have a seal registered: in the register and not removed (除戶).
core::Status check_person(Transaction& tx, const std::string& id) {
  HUJI_ASSIGN_OR_RETURN(auto p, tx.find_person(id));
  if (!p) return person_not_found(id);
  if (p->status != domain::PersonStatus::kActive) {
    return Error::unprocessable(
        "seal.person_removed", "此人已除戶，不得辦理印鑑登記",
        "this person's registration was removed; no seal can be registered");
  }
  return {};
}

std::string applicant_text(const SealApplicant& a) {
  return a.kind == "agent" ? "代理人 " + a.name + "（" + a.id_number + "）" : "本人";
}

}  // namespace

std::string applicant_json(const SealApplicant& a) {
  nlohmann::json j = {{"kind", a.kind}};
  if (a.kind == "agent") {
    j["name"] = a.name;
    j["id_number"] = a.id_number;
  }
  return j.dump();
}

core::Status check_applicant(const SealApplicant& a) {
  if (a.kind == "self") return {};
  if (a.kind != "agent") {
    return Error::invalid("seal.applicant", "申請人須為本人（self）或代理人（agent）",
                          "the applicant must be self or agent");
  }
  if (a.name.empty() || length_of(a.name) > 50) {
    return Error::invalid("seal.agent_name", "請填寫代理人姓名", "the agent's name is required");
  }
  if (!core::IdNumber::is_valid(a.id_number)) {
    return Error::invalid("seal.agent_id", "代理人身分證統一編號有誤",
                          "the agent's ID number is not valid");
  }
  return {};
}

core::Error seal_not_current(const SealRecord& s) {
  if (s.status == "changed") {
    return Error::conflict("seal.changed", "此印鑑已變更，請使用新登記的印鑑",
                           "this seal was changed; use the newly registered one");
  }
  return Error::conflict("seal.abolished", "此印鑑已廢止", "this seal was abolished");
}

Result<SealRecord> SealService::register_seal(const Actor& actor, const RequestContext& ctx,
                                              const SealRegistration& in, const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("seal.register");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  HUJI_TRY(check_applicant(in.applicant));
  HUJI_TRY(seal::check_png(in.image_png));
  const std::string digest = sha256_hex(in.image_png);
  const std::string print = sha256_of_fields({in.person_id, digest, applicant_json(in.applicant)});
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  int64_t id = 0;
  if (prior) {
    if (prior->operation != "seal.register" || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    id = prior->resource_id;
  } else {
    HUJI_TRY(check_person(*tx, in.person_id));
    HUJI_ASSIGN_OR_RETURN(auto existing, tx->seals_of(in.person_id, false));
    for (const SealRecord& s : existing) {
      if (s.status == "current") {
        return Error::conflict(
            "seal.already_registered",
            "此人已有登記中的印鑑（#" + std::to_string(s.id) + "），請辦理印鑑變更",
            "this person already has a registered seal (#" + std::to_string(s.id) +
                "); apply for a change instead");
      }
    }
    SealRecord s;
    s.person_id = in.person_id;
    s.image = in.image_png;
    s.image_sha256 = digest;
    s.office_code = actor.office_code;
    s.registered_on = clock_.today_taipei();
    s.registered_by = actor.username;
    s.registered_ms = clock_.now_ms();
    s.applicant = applicant_json(in.applicant);
    HUJI_ASSIGN_OR_RETURN(id, tx->insert_seal(s));
    HUJI_TRY(charge(*tx, actor, kSealRegistrationFee, 1, "seal", id));
    HUJI_TRY(
        tx->put_idempotency({actor.username, key, "seal.register", print, id, s.registered_ms}));
    HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                          AuditRecord{"seal.register", in.person_id,
                                      "印鑑登記；申請人：" + applicant_text(in.applicant)}));
  }
  HUJI_ASSIGN_OR_RETURN(auto stored, tx->find_seal(id, false));
  HUJI_TRY(tx->commit());
  if (!stored) return seal_not_found(id);
  return std::move(*stored);
}

Result<SealRecord> SealService::change_seal(const Actor& actor, const RequestContext& ctx,
                                            int64_t seal_id, const std::string& image_png,
                                            const SealApplicant& applicant,
                                            const std::string& key) {
  return end_seal(actor, ctx, seal_id, "changed", image_png, applicant, "", key);
}

Result<SealRecord> SealService::abolish_seal(const Actor& actor, const RequestContext& ctx,
                                             int64_t seal_id, const SealApplicant& applicant,
                                             const std::string& reason, const std::string& key) {
  return end_seal(actor, ctx, seal_id, "abolished", std::nullopt, applicant, reason, key);
}

Result<SealRecord> SealService::end_seal(const Actor& actor, const RequestContext& ctx,
                                         int64_t seal_id, const std::string& status,
                                         const std::optional<std::string>& new_image,
                                         const SealApplicant& applicant, const std::string& reason,
                                         const std::string& key) {
  const bool change = status == "changed";
  const std::string operation = change ? "seal.change" : "seal.abolish";
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden(operation);
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  HUJI_TRY(check_applicant(applicant));
  if (length_of(reason) > kMaxReason) {
    return Error::invalid("seal.reason", "理由至多 200 字", "the reason is at most 200 characters");
  }
  std::string digest;
  if (new_image) {
    HUJI_TRY(seal::check_png(*new_image));
    digest = sha256_hex(*new_image);
  }
  const std::string print = sha256_of_fields(
      {std::to_string(seal_id), status, digest, applicant_json(applicant), reason});
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  int64_t answer_id = seal_id;
  if (prior) {
    if (prior->operation != operation || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    answer_id = prior->resource_id;
  } else {
    HUJI_ASSIGN_OR_RETURN(auto old, tx->find_seal(seal_id, false));
    if (!old) return seal_not_found(seal_id);
    if (old->status != "current") return seal_not_current(*old);
    if (change) HUJI_TRY(check_person(*tx, old->person_id));
    const int64_t now = clock_.now_ms();
    old->status = status;
    old->ended_on = clock_.today_taipei();
    old->ended_by = actor.username;
    old->ended_ms = now;
    old->ended_office = actor.office_code;
    old->end_applicant = applicant_json(applicant);
    old->end_reason = reason;
    old->version += 1;
    HUJI_ASSIGN_OR_RETURN(bool updated, tx->update_seal(*old));
    if (!updated) {
      return Error::conflict("seal.stale", "印鑑資料已被他人更新，請重新整理",
                             "the seal changed meanwhile; reload");
    }
    if (change) {
      SealRecord s;
      s.person_id = old->person_id;
      s.image = *new_image;
      s.image_sha256 = digest;
      s.office_code = actor.office_code;
      s.registered_on = *old->ended_on;
      s.registered_by = actor.username;
      s.registered_ms = now;
      s.applicant = old->end_applicant;
      s.replaces = old->id;
      HUJI_ASSIGN_OR_RETURN(answer_id, tx->insert_seal(s));
    }
    HUJI_TRY(charge(*tx, actor, change ? kSealChangeFee : kSealAbolitionFee, 1, "seal", answer_id));
    HUJI_TRY(tx->put_idempotency({actor.username, key, operation, print, answer_id, now}));
    HUJI_TRY(append_audit(
        *tx, clock_, actor, ctx,
        AuditRecord{operation, old->person_id,
                    std::string(change ? "印鑑變更" : "印鑑廢止") + "；申請人：" +
                        applicant_text(applicant) + (reason.empty() ? "" : "；理由：" + reason)}));
  }
  HUJI_ASSIGN_OR_RETURN(auto stored, tx->find_seal(answer_id, false));
  HUJI_TRY(tx->commit());
  if (!stored) return seal_not_found(answer_id);
  return std::move(*stored);
}

Result<std::vector<SealRecord>> SealService::seals_of(const Actor& actor, const RequestContext& ctx,
                                                      const std::string& person_id,
                                                      const std::string& purpose) {
  if (!domain::role_has(actor.role, domain::Permission::kReadPerson)) {
    return errors::forbidden("seal.read");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto person, tx->find_person(person_id));
  if (!person) return person_not_found(person_id);
  HUJI_ASSIGN_OR_RETURN(auto seals, tx->seals_of(person_id, false));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, AuditRecord{"seal.read", person_id, purpose}));
  HUJI_TRY(tx->commit());
  return seals;
}

Result<SealRecord> SealService::seal(const Actor& actor, const RequestContext& ctx, int64_t seal_id,
                                     const std::string& purpose) {
  if (!domain::role_has(actor.role, domain::Permission::kReadPerson)) {
    return errors::forbidden("seal.read");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto s, tx->find_seal(seal_id, true));
  if (!s) return seal_not_found(seal_id);
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, AuditRecord{"seal.image", s->person_id, purpose}));
  HUJI_TRY(tx->commit());
  return std::move(*s);
}

core::Status SealService::charge(Transaction& tx, const Actor& actor, const char* item,
                                 int quantity, const std::string& ref_kind, int64_t ref_id) {
  ChargeRequest r;
  r.office_code = actor.office_code;
  r.item = item;
  r.quantity = quantity;
  r.ref_kind = ref_kind;
  r.ref_id = ref_id;
  r.on = clock_.today_taipei();
  r.by = actor.username;
  r.now_ms = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(auto charged, charge_fee(tx, *fees_.get(), r));
  (void)charged;
  return {};
}

Result<IssuedSealCertificate> SealService::issue_certificate(const Actor& actor,
                                                             const RequestContext& ctx,
                                                             int64_t seal_id,
                                                             const SealCertificateRequest& in,
                                                             const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("seal.certificate");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  HUJI_TRY(check_applicant(in.applicant));
  if (in.sheets < 1 || in.sheets > 10) {
    return Error::invalid("seal.sheets", "張數須為 1 至 10 張", "sheets must be 1 to 10");
  }
  if (in.purpose.empty() || length_of(in.purpose) > kMaxReason) {
    return Error::invalid("seal.purpose", "請填寫印鑑證明的用途（至多 200 字）",
                          "state what the certificate is for (at most 200 characters)");
  }
  HUJI_TRY(seal::check_png(in.candidate_png));
  const std::string print =
      sha256_of_fields({std::to_string(seal_id), sha256_hex(in.candidate_png), in.purpose,
                        std::to_string(in.sheets), applicant_json(in.applicant)});
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  int64_t id = 0;
  if (prior) {
    if (prior->operation != "seal.certificate" || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    id = prior->resource_id;
  } else {
    HUJI_ASSIGN_OR_RETURN(auto s, tx->find_seal(seal_id, true));
    if (!s) return seal_not_found(seal_id);
    if (s->status != "current") return seal_not_current(*s);
    HUJI_ASSIGN_OR_RETURN(auto record, tx->read_person_record(s->person_id));
    if (!record) return person_not_found(s->person_id);
    if (record->person.status != domain::PersonStatus::kActive) {
      return Error::unprocessable("seal.person_removed", "此人已除戶，不得核發印鑑證明",
                                  "this person's registration was removed; no certificate");
    }
    HUJI_ASSIGN_OR_RETURN(seal::Comparison c, seal::compare(s->image, in.candidate_png));
    const SealVerdict verdict = domain::documents::seal_verdict({c.score, c.coverage, c.ink_ratio});
    if (verdict == SealVerdict::kNoMatch) {
      return Error::unprocessable("seal.no_match", "申請書上的印鑑與登記印鑑不符，請申請人重新蓋印",
                                  "the impression on the application does not match the "
                                  "registered seal; have the applicant stamp again");
    }
    if (!in.confirmed) {
      return Error::unprocessable("seal.unconfirmed", "請承辦人親自比對印鑑後確認",
                                  "the clerk confirms after comparing the impressions themselves");
    }
    const core::Date today = clock_.today_taipei();
    const int64_t now = clock_.now_ms();
    const domain::Person& p = record->person;
    DocumentDraft draft;
    draft.kind = "seal_certificate";
    draft.office_code = actor.office_code;
    draft.issued_on = today;
    draft.printed = {{"姓名", p.name},
                     {"國民身分證統一編號", p.id_number},
                     {"出生日期", p.birth_date.to_roc()},
                     {"戶籍地址", record->door_plate ? record->door_plate->address.format() : ""},
                     {"用途", in.purpose},
                     {"張數", std::to_string(in.sheets)},
                     {"印鑑影像 SHA-256", s->image_sha256}};
    const DocumentStamp stamp = signer_.stamp(draft);
    SealCertificateView view;
    view.office_name = actor.office_name;
    view.fields.assign(draft.printed.begin(), draft.printed.end() - 1);
    view.seal_png = s->image;
    view.issued_on = "中華民國 " + std::to_string(today.roc_year()) + " 年 " +
                     std::to_string(today.month()) + " 月 " + std::to_string(today.day()) + " 日";
    view.check_code_grouped = stamp.check_code_grouped;
    view.qr_text = stamp.qr_text;
    view.sheets = in.sheets;
    HUJI_ASSIGN_OR_RETURN(std::string pdf, renderer_.render(view));
    HUJI_ASSIGN_OR_RETURN(auto doc,
                          record_document(*tx, draft, stamp, std::move(pdf), actor.username, now));
    SealCertificateRecord cert;
    cert.seal_id = s->id;
    cert.person_id = p.id_number;
    cert.office_code = actor.office_code;
    cert.purpose = in.purpose;
    cert.applicant = applicant_json(in.applicant);
    cert.sheets = in.sheets;
    cert.candidate_image = in.candidate_png;
    cert.score_bp = static_cast<int>(std::lround(c.score * 10000));
    cert.verdict = std::string(domain::documents::to_string(verdict));
    cert.overlay = std::move(c.overlay_png);
    cert.confirmed_by = actor.username;
    cert.issued_on = today;
    cert.issued_ms = now;
    cert.document_id = doc.id;
    cert.check_code = doc.check_code;
    HUJI_ASSIGN_OR_RETURN(id, tx->insert_seal_certificate(cert));
    HUJI_TRY(charge(*tx, actor, kSealCertificateFee, in.sheets, "seal_certificate", id));
    HUJI_TRY(tx->put_idempotency({actor.username, key, "seal.certificate", print, id, now}));
    HUJI_TRY(append_audit(
        *tx, clock_, actor, ctx,
        AuditRecord{"seal.certificate", p.id_number,
                    "印鑑證明：" + in.purpose + "；申請人：" + applicant_text(in.applicant) +
                        "；比對結果：" + cert.verdict}));
  }
  HUJI_ASSIGN_OR_RETURN(auto stored, tx->find_seal_certificate(id, false));
  if (!stored)
    return Error::internal("seal.certificate_lost", "找不到剛核發的印鑑證明",
                           "the certificate just issued cannot be read back");
  HUJI_ASSIGN_OR_RETURN(auto charges, tx->charges_of("seal_certificate", id));
  HUJI_TRY(tx->commit());
  IssuedSealCertificate out;
  out.certificate = std::move(*stored);
  out.check_code_grouped = group_check_code(out.certificate.check_code);
  for (const ChargeRecord& ch : charges) out.fee += ch.amount;
  return out;
}

Result<SealCertificateRecord> SealService::certificate(const Actor& actor,
                                                       const RequestContext& ctx, int64_t id) {
  if (!domain::role_has(actor.role, domain::Permission::kReadPerson)) {
    return errors::forbidden("seal.certificate_read");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto c, tx->find_seal_certificate(id, true));
  if (!c) {
    return Error::not_found("seal.certificate_not_found", "查無此印鑑證明 #" + std::to_string(id),
                            "no seal certificate #" + std::to_string(id));
  }
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        AuditRecord{"seal.certificate_read", c->person_id, "印鑑證明調閱"}));
  HUJI_TRY(tx->commit());
  return std::move(*c);
}

Result<std::string> SealService::certificate_pdf(const Actor& actor, const RequestContext& ctx,
                                                 int64_t id) {
  HUJI_ASSIGN_OR_RETURN(auto c, certificate(actor, ctx, id));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto pdf, tx->issued_document_pdf(c.document_id));
  if (!pdf)
    return Error::internal("seal.certificate_lost", "找不到印鑑證明的 PDF",
                           "the certificate's PDF is missing");
  return std::move(*pdf);
}

Result<SealComparison> SealService::compare(const Actor& actor, const std::string& registered_png,
                                            const std::string& candidate_png) const {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("seal.compare");
  }
  HUJI_ASSIGN_OR_RETURN(seal::Comparison c, seal::compare(registered_png, candidate_png));
  SealComparison out;
  out.score = c.score;
  out.coverage = c.coverage;
  out.ink_ratio = c.ink_ratio;
  out.verdict = domain::documents::seal_verdict({c.score, c.coverage, c.ink_ratio});
  out.overlay_png = std::move(c.overlay_png);
  return out;
}

}  // namespace huji::service
