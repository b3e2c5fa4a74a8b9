#include "service/id_card_service.h"

#include <algorithm>

#include "domain/documents/id_card.h"
#include "domain/documents/id_card_stock.h"
#include "domain/documents/photo.h"
#include "service/audit.h"
#include "service/charges.h"
#include "service/crypto.h"
#include "service/document_registry.h"
#include "service/errors.h"
#include "service/text_limits.h"

namespace huji::service {

using core::Error;
using core::Result;
using domain::CardStatus;

namespace {

// Students of one school visit's batch (a class is about 30).
constexpr size_t kMaxBatch = 100;

Error card_not_found(int64_t id) {
  return Error::not_found("id_card.not_found", "查無此國民身分證紀錄 #" + std::to_string(id),
                          "no ID card record #" + std::to_string(id));
}

Error person_not_found() {
  return Error::not_found("person.not_found", "查無此人", "no such person");
}

Error stale() {
  return Error::conflict("id_card.stale", "此證資料已被他人更新，請重新整理",
                         "the card changed since you opened it; reload");
}

// The card in force: the newest not cancelled.
const IdCardRecord* in_force(const std::vector<IdCardRecord>& cards) {
  auto it = std::find_if(cards.rbegin(), cards.rend(),
                         [](const IdCardRecord& c) { return c.status != "cancelled"; });
  return it == cards.rend() ? nullptr : &*it;
}

CardStatus status_of(const IdCardRecord& c) {
  return domain::card_status_from_code(c.status).value_or(CardStatus::kValid);
}

// A serial of `item` the office has on hand (id_card_stock.not_on_hand otherwise).
core::Status check_on_hand(IdCardTx& tx, const std::string& office, domain::StockItem item,
                           const std::string& serial) {
  HUJI_ASSIGN_OR_RETURN(auto s, tx.find_stock_serial(item, serial));
  if (s && s->office_code == office && s->status == domain::StockStatus::kOnHand) return {};
  const std::string zh = std::string(domain::stock_item_zh(item)) + "序號 " + serial;
  const std::string en = std::string(domain::stock_item_code(item)) + " serial " + serial;
  if (!s || s->office_code != office) {
    return Error::unprocessable("id_card_stock.not_on_hand", zh + " 不在本所庫存",
                                en + " is not in this office's stock");
  }
  return Error::conflict("id_card_stock.used",
                         zh + " 已" + domain::stock_status_zh(s->status) + "，不得再用",
                         en + " is already " + domain::stock_status_code(s->status));
}

core::Status check_issue_input(const IdCardIssueInput& in) {
  if (!domain::card_issue_kind_from_code(in.kind)) {
    return Error::invalid("id_card.kind",
                          "申請類別須為 first（初領）、renewal（換領）或 "
                          "replacement（補領）",
                          "kind must be first, renewal or replacement");
  }
  if (!domain::valid_serial(in.card_serial) || !domain::valid_serial(in.laminate_serial)) {
    return Error::invalid("id_card.serial", "請輸入空白證及膠膜序號",
                          "the blank card's and laminate's serials are required");
  }
  if (in.photo_id <= 0) {
    return Error::invalid("id_card.photo_required", "請先上傳相片影像檔",
                          "upload the photo file first");
  }
  static const char* const kRelations[] = {"self", "legal_representative", "agent"};
  if (std::find(std::begin(kRelations), std::end(kRelations), in.applicant_relation) ==
      std::end(kRelations)) {
    return Error::invalid("id_card.applicant_relation",
                          "申請人身分須為 self（本人）、legal_representative（法定代理人）或 "
                          "agent（受委託人）",
                          "applicant_relation must be self, legal_representative or agent");
  }
  HUJI_TRY(check_text(in.applicant_name, "id_card.applicant_name", "請填寫申請人姓名",
                      "the applicant's name is required"));
  HUJI_TRY(check_text(in.identity_check, "id_card.identity_check", "請填寫身分核對方式",
                      "how the applicant's identity was checked is required"));
  if (characters(in.waiver) > kMaxText || characters(in.school) > kMaxText) {
    return Error::invalid("id_card.text", "減免事由或學校名稱過長（至多 200 字）",
                          "the waiver or school is too long (200 characters at most)");
  }
  return {};
}

}  // namespace

Result<IdCardPhoto> IdCardService::upload_photo(const Actor& actor, const RequestContext& ctx,
                                                const std::string& person_id,
                                                const std::string& mime, const std::string& bytes,
                                                const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("id_card.photo");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  HUJI_ASSIGN_OR_RETURN(auto info, domain::inspect_photo(bytes, mime));
  IdCardPhoto p;
  p.office_code = actor.office_code;
  p.person_id = person_id;
  p.mime = info.mime;
  p.sha256 = sha256_hex(bytes);
  p.size = static_cast<int64_t>(bytes.size());
  p.uploaded_by = actor.username;
  p.uploaded_ms = clock_.now_ms();
  const std::string print = sha256_of_fields({person_id, p.mime, p.sha256});
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  if (prior) {
    if (prior->operation != "id_card.photo" || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    HUJI_ASSIGN_OR_RETURN(auto stored, tx->find_id_card_photo(prior->resource_id, false));
    if (!stored) return errors::idempotency_key_reused();
    return *stored;
  }
  HUJI_ASSIGN_OR_RETURN(auto person, tx->find_person(person_id));
  if (!person) return person_not_found();
  p.content = bytes;
  HUJI_ASSIGN_OR_RETURN(p.id, tx->insert_id_card_photo(p));
  p.content.clear();
  HUJI_TRY(tx->put_idempotency({actor.username, key, "id_card.photo", print, p.id, p.uploaded_ms}));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"id_card.photo", person_id, "國民身分證相片"}));
  HUJI_TRY(tx->commit());
  return p;
}

Result<IdCardPhoto> IdCardService::photo(const Actor& actor, const RequestContext& ctx,
                                         int64_t id) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("id_card.photo_read");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto p, tx->find_id_card_photo(id, true));
  if (!p) {
    return Error::not_found("id_card.photo_not_found", "查無此相片", "no such photo");
  }
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {"id_card.photo_read", p->person_id, "國民身分證相片調閱"}));
  HUJI_TRY(tx->commit());
  return std::move(*p);
}

Result<IdCardHolder> IdCardService::holder(const Actor& actor, const RequestContext& ctx,
                                           const std::string& person_id) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("id_card.read");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto person, tx->find_person(person_id));
  if (!person) {
    HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                          {"id_card.read", person_id, "國民身分證業務", "not_found"}));
    HUJI_TRY(tx->commit());
    return person_not_found();
  }
  IdCardHolder h;
  h.person_id = person->id_number;
  h.name = person->name;
  h.birth_date = person->birth_date;
  h.age = person->birth_date.years_until(clock_.today_taipei());
  h.active = person->status == domain::PersonStatus::kActive;
  if (!person->household_no.empty()) {
    HUJI_ASSIGN_OR_RETURN(auto household, tx->find_household(person->household_no));
    if (household) h.household_office = household->office_code;
  }
  HUJI_ASSIGN_OR_RETURN(h.cards, tx->id_cards_of(person_id));
  for (const auto& c : h.cards) {
    HUJI_ASSIGN_OR_RETURN(auto losses, tx->id_card_losses_of(c.id));
    h.losses.insert(h.losses.end(), losses.begin(), losses.end());
  }
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"id_card.read", person_id, "國民身分證業務"}));
  HUJI_TRY(tx->commit());
  return h;
}

Result<IdCardRecord> IdCardService::issue(const Actor& actor, const RequestContext& ctx,
                                          const IdCardIssueInput& in, const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("id_card.issue");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  HUJI_TRY(check_issue_input(in));
  const auto kind = *domain::card_issue_kind_from_code(in.kind);
  const std::string print =
      sha256_of_fields({in.person_id, in.kind, in.card_serial, in.laminate_serial,
                        std::to_string(in.photo_id), in.applicant_name, in.applicant_id,
                        in.applicant_relation, in.identity_check, in.waiver, in.school});
  const core::Date today = clock_.today_taipei();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  if (prior) {
    if (prior->operation != "id_card.issue" || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    HUJI_ASSIGN_OR_RETURN(auto card, tx->find_id_card(prior->resource_id));
    if (!card) return card_not_found(prior->resource_id);
    return *card;
  }
  HUJI_ASSIGN_OR_RETURN(auto person, tx->find_person(in.person_id));
  if (!person) return person_not_found();
  HUJI_ASSIGN_OR_RETURN(auto cards, tx->id_cards_of(in.person_id));
  const IdCardRecord* current = in_force(cards);
  HUJI_TRY(domain::check_card_issue(kind, person->birth_date,
                                    person->status == domain::PersonStatus::kActive, today,
                                    current ? std::optional(status_of(*current)) : std::nullopt));
  const auto fees = fees_.get();
  HUJI_ASSIGN_OR_RETURN(auto quote, fees->quote(domain::card_fee_item(kind), today, 1, in.waiver));
  HUJI_ASSIGN_OR_RETURN(auto photo, tx->find_id_card_photo(in.photo_id, false));
  if (!photo || photo->person_id != in.person_id || photo->office_code != actor.office_code) {
    return Error::unprocessable("id_card.photo", "相片影像檔不屬於此申請",
                                "the photo file was not uploaded for this person here");
  }
  HUJI_TRY(check_on_hand(*tx, actor.office_code, domain::StockItem::kCard, in.card_serial));
  HUJI_TRY(check_on_hand(*tx, actor.office_code, domain::StockItem::kLaminate, in.laminate_serial));

  IdCardRecord c;
  c.office_code = actor.office_code;
  c.person_id = in.person_id;
  c.kind = in.kind;
  c.issued_on = today;
  c.card_serial = in.card_serial;
  c.laminate_serial = in.laminate_serial;
  c.previous_id = current ? current->id : 0;
  c.photo_id = in.photo_id;
  c.applicant_name = in.applicant_name;
  c.applicant_id = in.applicant_id;
  c.applicant_relation = in.applicant_relation;
  c.identity_check = in.identity_check;
  c.waiver = in.waiver;
  c.fee = quote.amount;
  if (!person->household_no.empty()) {
    HUJI_ASSIGN_OR_RETURN(auto household, tx->find_household(person->household_no));
    c.cross_district = household && household->office_code != actor.office_code;
  }
  c.school = in.school;
  c.issued_by = actor.username;
  c.issued_ms = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(c.id, tx->insert_id_card(c));
  for (const auto& [item, serial] : {std::pair{domain::StockItem::kCard, in.card_serial},
                                     std::pair{domain::StockItem::kLaminate, in.laminate_serial}}) {
    StockSerialRecord out;
    out.office_code = actor.office_code;
    out.item = item;
    out.serial = serial;
    out.status = domain::StockStatus::kIssued;
    out.moved_on = today;
    out.moved_by = actor.username;
    out.reason = std::string(domain::card_issue_kind_zh(kind));
    out.card_id = c.id;
    HUJI_ASSIGN_OR_RETURN(bool moved, tx->move_stock_serial(out));
    if (!moved) {
      HUJI_TRY(check_on_hand(*tx, actor.office_code, item, serial));
      return stale();  // moved by another transaction meanwhile
    }
  }
  if (current) {
    IdCardRecord previous = *current;
    previous.status = domain::card_status_code(CardStatus::kSuperseded);
    previous.superseded_by = c.id;
    previous.version += 1;
    HUJI_ASSIGN_OR_RETURN(bool updated, tx->update_id_card(previous));
    if (!updated) return stale();
  }
  HUJI_TRY(charge_fee(*tx, *fees,
                      {actor.office_code, domain::card_fee_item(kind), 1, in.waiver, "id_card",
                       c.id, today, actor.username, c.issued_ms}));
  HUJI_TRY(tx->put_idempotency({actor.username, key, "id_card.issue", print, c.id, c.issued_ms}));
  const std::string purpose = std::string("國民身分證") + domain::card_issue_kind_zh(kind) +
                              (in.school.empty() ? "" : "（到校服務 " + in.school + "）");
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"id_card.issue", in.person_id, purpose}));
  HUJI_TRY(tx->commit());
  return c;
}

Result<std::vector<BatchOutcome>> IdCardService::issue_batch(
    const Actor& actor, const RequestContext& ctx, const std::string& school,
    const std::vector<IdCardIssueInput>& students, const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("id_card.batch");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  HUJI_TRY(check_text(school, "id_card.school", "請填寫學校名稱", "the school is required"));
  if (students.empty() || students.size() > kMaxBatch) {
    return Error::invalid("id_card.batch_size",
                          "一批須有 1 至 " + std::to_string(kMaxBatch) + " 名學生",
                          "a batch holds 1 to " + std::to_string(kMaxBatch) + " students");
  }
  std::vector<BatchOutcome> out;
  for (size_t i = 0; i < students.size(); ++i) {
    IdCardIssueInput in = students[i];
    in.kind = domain::card_issue_kind_code(domain::CardIssueKind::kFirst);
    in.school = school;
    auto card = issue(actor, ctx, in, key + ":" + std::to_string(i));
    BatchOutcome o;
    o.person_id = in.person_id;
    if (card.ok()) {
      o.card = std::move(*card);
    } else {
      o.error = card.error();
    }
    out.push_back(std::move(o));
  }
  return out;
}

Result<IdCardRecord> IdCardService::report_loss(const Actor& actor, const RequestContext& ctx,
                                                int64_t card_id, const std::string& reason,
                                                const std::string& key) {
  return change_loss(actor, ctx, card_id, reason, key, true);
}

Result<IdCardRecord> IdCardService::revoke_loss(const Actor& actor, const RequestContext& ctx,
                                                int64_t card_id, const std::string& reason,
                                                const std::string& key) {
  return change_loss(actor, ctx, card_id, reason, key, false);
}

Result<IdCardRecord> IdCardService::change_loss(const Actor& actor, const RequestContext& ctx,
                                                int64_t card_id, const std::string& reason,
                                                const std::string& key, bool report) {
  const char* action = report ? "id_card.loss_report" : "id_card.loss_revoke";
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden(action);
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  if (characters(reason) > kMaxText) {
    return Error::invalid("id_card.reason", "說明至多 200 字",
                          "the reason is at most 200 characters");
  }
  const std::string print = sha256_of_fields({std::to_string(card_id), reason});
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  HUJI_ASSIGN_OR_RETURN(auto card, tx->find_id_card(card_id));
  if (!card) return card_not_found(card_id);
  if (prior) {
    if (prior->operation != action || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    return *card;
  }
  const core::Date today = clock_.today_taipei();
  if (report) {
    HUJI_TRY(domain::check_loss_report(status_of(*card)));
    card->status = domain::card_status_code(CardStatus::kLost);
    card->lost_on = today;
  } else {
    HUJI_TRY(domain::check_loss_revocation(status_of(*card), card->lost_on.has_value()));
    card->status = domain::card_status_code(CardStatus::kValid);
    card->lost_on.reset();
  }
  card->version += 1;
  HUJI_ASSIGN_OR_RETURN(bool updated, tx->update_id_card(*card));
  if (!updated) return stale();
  IdCardLoss l;
  l.card_id = card_id;
  l.office_code = actor.office_code;
  l.action = report ? "reported" : "revoked";
  l.on = today;
  l.reason = reason;
  l.recorded_by = actor.username;
  l.recorded_ms = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(l.id, tx->insert_id_card_loss(l));
  HUJI_TRY(tx->put_idempotency({actor.username, key, action, print, l.id, l.recorded_ms}));
  HUJI_TRY(
      append_audit(*tx, clock_, actor, ctx,
                   {action, card->person_id, report ? "國民身分證掛失" : "國民身分證撤銷掛失"}));
  HUJI_TRY(tx->commit());
  return std::move(*card);
}

Result<IdCardRecord> IdCardService::cancel(const Actor& actor, const RequestContext& ctx,
                                           int64_t card_id, const std::string& reason,
                                           bool attributable, int64_t version) {
  if (!domain::role_has(actor.role, domain::Permission::kReview)) {
    return errors::forbidden("id_card.cancel");
  }
  HUJI_TRY(
      check_text(reason, "id_card.reason", "註銷須敘明理由", "a cancellation states its reason"));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto card, tx->find_id_card(card_id));
  if (!card) return card_not_found(card_id);
  if (card->office_code != actor.office_code) {
    return Error::denied("auth.office_scope", "此證由其他戶政事務所核發",
                         "another office issued this card");
  }
  if (card->version != version) return stale();
  if (card->status == "cancelled" || card->status == "superseded") {
    return Error::unprocessable("id_card.not_in_force", "僅現行有效或掛失中的證可註銷",
                                "only the card in force can be cancelled");
  }
  card->status = domain::card_status_code(CardStatus::kCancelled);
  card->cancel_reason = reason;
  card->cancel_attributable = attributable;
  card->cancelled_by = actor.username;
  card->cancelled_ms = clock_.now_ms();
  card->version += 1;
  HUJI_ASSIGN_OR_RETURN(bool updated, tx->update_id_card(*card));
  if (!updated) return stale();
  if (card->previous_id != 0) {
    HUJI_ASSIGN_OR_RETURN(auto previous, tx->find_id_card(card->previous_id));
    if (previous && previous->superseded_by == card_id) {
      previous->status =
          domain::card_status_code(previous->lost_on ? CardStatus::kLost : CardStatus::kValid);
      previous->superseded_by = 0;
      previous->version += 1;
      HUJI_ASSIGN_OR_RETURN(bool restored, tx->update_id_card(*previous));
      if (!restored) return stale();
    }
  }
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      {"id_card.cancel", card->person_id, attributable ? "國民身分證誤辦註銷" : "國民身分證註銷"}));
  HUJI_TRY(tx->commit());
  return std::move(*card);
}

Result<IdCardKpis> IdCardService::kpis(const Actor& actor, const RequestContext& ctx, int year,
                                       int budgeted_staff) {
  if (!domain::role_has(actor.role, domain::Permission::kReadKpi)) {
    return errors::forbidden("id_card.kpis");
  }
  auto first = core::Date::from_ymd(year, 1, 1);
  if (!first.ok() || year < 1912 || year > 9999 || budgeted_staff < 0) {
    return Error::invalid("id_card.year", "年度須為西元年（例如 2026），預算員額不得為負",
                          "year must be a Gregorian year (e.g. 2026); staff not negative");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(
      auto cards, tx->id_cards_issued(actor.office_code, *first, first->add_years(1).add_days(-1)));
  IdCardKpis k;
  k.year = year;
  k.office_code = actor.office_code;
  for (const auto& c : cards) {
    k.issued += 1;
    const bool cancelled = c.status == "cancelled";
    if (cancelled && c.cancel_attributable) k.in_error += 1;
    if (!cancelled && c.cross_district && c.kind != "renewal") {
      k.cross_district += 1;
      k.cross_district_by_staff[c.issued_by] += 1;
    }
  }
  if (k.issued > 0) {
    k.correctness = static_cast<double>(k.issued - k.in_error) / static_cast<double>(k.issued);
  }
  k.budgeted_staff = budgeted_staff;
  if (k.budgeted_staff == 0) {
    HUJI_ASSIGN_OR_RETURN(auto staff, tx->list_staff(actor.office_code, clock_.now_ms()));
    for (const auto& s : staff) {
      if (s.user.active &&
          (s.user.role == domain::Role::kClerk || s.user.role == domain::Role::kSupervisor)) {
        k.budgeted_staff += 1;
      }
    }
  }
  if (k.budgeted_staff > 0) {
    k.cross_district_per_staff =
        static_cast<double>(k.cross_district) / static_cast<double>(k.budgeted_staff);
  }
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {"id_card.kpis", "", "國民身分證績效指標 " + std::to_string(year)}));
  HUJI_TRY(tx->commit());
  return k;
}

namespace {

constexpr const char* kCertificateKind = "temporary_certificate";
constexpr const char* kIdNumberLabel = "統一編號";

// The ID number a certificate's printed fields carry (canonical_printed's "key=value" lines).
std::string certificate_person(const std::string& printed) {
  const std::string key = std::string("\n") + kIdNumberLabel + "=";
  const auto at = printed.find(key);
  if (at == std::string::npos) return "";
  const auto from = at + key.size();
  return printed.substr(from, printed.find('\n', from) - from);
}

}  // namespace

Result<TemporaryCertificateIssue> IdCardService::issue_temporary_certificate(
    const Actor& actor, const RequestContext& ctx, const std::string& person_id,
    const std::string& reason, int valid_days, const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("id_card.temporary_certificate");
  }
  if (!signer_ || !certificates_) {
    return Error::unavailable("id_card.certificates_unavailable",
                              "本系統未設定文件簽章，無法核發證明書",
                              "documents cannot be signed here; no certificate is issued");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  HUJI_TRY(check_text(reason, "id_card.reason", "請敘明核發事由", "the reason is required"));
  if (valid_days == 0) valid_days = kTemporaryCertificateDays;
  if (valid_days < 1 || valid_days > kMaxTemporaryCertificateDays) {
    return Error::invalid("id_card.valid_days", "有效日數須為 1 至 90 日",
                          "valid_days must be 1 to 90");
  }
  const std::string print = sha256_of_fields({person_id, reason, std::to_string(valid_days)});
  const core::Date today = clock_.today_taipei();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  TemporaryCertificateIssue out;
  out.person_id = person_id;
  out.valid_from = today;
  out.valid_until = today.add_days(valid_days);
  if (prior) {
    if (prior->operation != "id_card.temporary_certificate" || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    HUJI_ASSIGN_OR_RETURN(auto pdf, tx->issued_document_pdf(prior->resource_id));
    HUJI_ASSIGN_OR_RETURN(auto doc, tx->find_issued_document_by_pdf(sha256_hex(pdf.value_or(""))));
    if (!doc) return errors::idempotency_key_reused();
    out.document = std::move(*doc);
    out.valid_from = out.document.issued_on;
    out.valid_until = out.valid_from.add_days(valid_days);
    return out;
  }
  HUJI_ASSIGN_OR_RETURN(auto person, tx->find_person(person_id));
  if (!person) return person_not_found();
  if (person->status != domain::PersonStatus::kActive) {
    return Error::unprocessable("id_card.person_removed", "當事人已除戶，不得核發證明書",
                                "the person is removed from the register");
  }
  DocumentDraft draft{kCertificateKind, actor.office_code, today, {}};
  draft.printed = {{"姓名", person->name},
                   {kIdNumberLabel, person->id_number},
                   {"性別", person->sex == core::Sex::kFemale ? "女" : "男"},
                   {"出生日期", person->birth_date.to_roc()},
                   {"事由", reason},
                   {"有效期間", out.valid_from.to_roc() + "至" + out.valid_until.to_roc()},
                   {"發證日期", today.to_roc()}};
  const DocumentStamp stamp = signer_->stamp(draft);
  TemporaryCertificate cert;
  cert.office_name = actor.office_name;
  for (const auto& f : draft.printed) cert.fields.emplace_back(f.key, f.value);
  cert.issued_on_iso = today.to_iso();
  cert.check_code = stamp.check_code_grouped;
  cert.qr_text = stamp.qr_text;
  HUJI_ASSIGN_OR_RETURN(std::string pdf, certificates_->render(cert));
  const int64_t now = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(out.document,
                        record_document(*tx, draft, stamp, std::move(pdf), actor.username, now));
  out.document.pdf.clear();
  HUJI_TRY(tx->put_idempotency(
      {actor.username, key, "id_card.temporary_certificate", print, out.document.id, now}));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {"id_card.temporary_certificate", person_id, "臨時身分證明書：" + reason}));
  HUJI_TRY(tx->commit());
  return out;
}

Result<IssuedDocument> IdCardService::temporary_certificate_pdf(const Actor& actor,
                                                                const RequestContext& ctx,
                                                                const std::string& code) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("id_card.temporary_certificate_read");
  }
  auto normal = normalize_check_code(code);
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  std::optional<IssuedDocument> doc;
  if (normal) {
    HUJI_ASSIGN_OR_RETURN(doc, tx->find_issued_document(*normal));
  }
  if (!doc || doc->kind != kCertificateKind) {
    return Error::not_found("id_card.certificate_not_found", "查無此臨時身分證明書",
                            "no such temporary certificate");
  }
  HUJI_ASSIGN_OR_RETURN(auto pdf, tx->issued_document_pdf(doc->id));
  doc->pdf = pdf.value_or("");
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {"id_card.temporary_certificate_read", certificate_person(doc->printed),
                         "臨時身分證明書調閱"}));
  HUJI_TRY(tx->commit());
  return std::move(*doc);
}

}  // namespace huji::service
