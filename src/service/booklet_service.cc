#include "service/booklet_service.h"

#include <algorithm>

#include "domain/documents/booklet.h"
#include "service/audit.h"
#include "service/charges.h"
#include "service/crypto.h"
#include "service/errors.h"
#include "service/text_limits.h"

namespace huji::service {

using core::Error;
using core::Result;

namespace {

constexpr const char* kFeeItem = "booklet";  // data/fees/schedule.txt

Error household_not_found() {
  return Error::not_found("household.not_found", "查無此戶", "no such household");
}

}  // namespace

Result<BookletRecord> BookletService::issue(const Actor& actor, const RequestContext& ctx,
                                            const BookletInput& in, const std::string& key) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("booklet.issue");
  }
  HUJI_TRY(errors::check_idempotency_key(key));
  auto kind = domain::booklet_kind_from_code(in.kind);
  if (!kind) {
    return Error::invalid("booklet.kind", "申請類別須為 issue（請領）或 replacement（補領）",
                          "kind must be issue or replacement");
  }
  if (in.applicant_id.empty()) {
    return Error::invalid("booklet.applicant", "請填寫申請人統一編號",
                          "the applicant's ID number is required");
  }
  if (characters(in.reason) > kMaxText || characters(in.waiver) > kMaxText) {
    return Error::invalid("booklet.text", "事由至多 200 字", "a reason is at most 200 characters");
  }
  const std::string print = sha256_of_fields(
      {in.household_no, in.kind, in.applicant_id, in.principal_id, in.reason, in.waiver});
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  HUJI_ASSIGN_OR_RETURN(auto household, tx->find_household(in.household_no));
  if (!household) return household_not_found();
  HUJI_ASSIGN_OR_RETURN(auto booklets, tx->booklets_of(in.household_no));
  if (prior) {
    if (prior->operation != "booklet.issue" || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    for (auto& b : booklets) {
      if (b.id == prior->resource_id) return std::move(b);
    }
    return errors::idempotency_key_reused();
  }
  HUJI_ASSIGN_OR_RETURN(auto members, tx->household_members(in.household_no));
  auto capacity =
      domain::booklet_capacity(*household, members, {in.applicant_id, in.principal_id, in.reason});
  if (!capacity.ok()) {
    HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                          {"booklet.issue", in.applicant_id, "戶口名簿申請", "denied"}));
    HUJI_TRY(tx->commit());
    return capacity.error();
  }
  auto current = std::find_if(booklets.rbegin(), booklets.rend(),
                              [](const BookletRecord& b) { return b.status == "valid"; });
  HUJI_TRY(domain::check_booklet_issue(*kind, current != booklets.rend()));
  const auto fees = fees_.get();
  const core::Date today = clock_.today_taipei();
  HUJI_ASSIGN_OR_RETURN(auto quote, fees->quote(kFeeItem, today, 1, in.waiver));
  BookletRecord b;
  b.office_code = actor.office_code;
  b.household_no = in.household_no;
  b.kind = in.kind;
  b.issued_on = today;
  b.previous_id = current != booklets.rend() ? current->id : 0;
  b.applicant_id = in.applicant_id;
  b.capacity = domain::booklet_capacity_code(*capacity);
  if (*capacity == domain::BookletCapacity::kAgent) {
    b.principal_id = in.principal_id;
    b.reason = in.reason;
  }
  b.waiver = in.waiver;
  b.fee = quote.amount;
  b.issued_by = actor.username;
  b.issued_ms = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(b.id, tx->insert_booklet(b));
  if (b.previous_id != 0) HUJI_TRY(tx->supersede_booklet(b.previous_id));
  HUJI_TRY(charge_fee(*tx, *fees,
                      {actor.office_code, kFeeItem, 1, in.waiver, "booklet", b.id, today,
                       actor.username, b.issued_ms}));
  HUJI_TRY(tx->put_idempotency({actor.username, key, "booklet.issue", print, b.id, b.issued_ms}));
  const std::string purpose =
      *kind == domain::BookletKind::kIssue ? "戶口名簿請領" : "戶口名簿補領";
  std::vector<AuditRecord> records;
  for (const auto& m : members) {
    if (m.status == domain::PersonStatus::kActive) {
      records.push_back({"booklet.issue", m.id_number, purpose});
    }
  }
  if (records.empty()) records.push_back({"booklet.issue", "", purpose});
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, records));
  HUJI_TRY(tx->commit());
  return b;
}

Result<HouseholdBooklets> BookletService::list(const Actor& actor, const RequestContext& ctx,
                                               const std::string& household_no) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("booklet.read");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto household, tx->find_household(household_no));
  if (!household) return household_not_found();
  HouseholdBooklets out;
  out.household_no = household_no;
  out.office_code = household->office_code;
  HUJI_ASSIGN_OR_RETURN(out.booklets, tx->booklets_of(household_no));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"booklet.read", household->head_id, "戶口名簿"}));
  HUJI_TRY(tx->commit());
  return out;
}

}  // namespace huji::service
