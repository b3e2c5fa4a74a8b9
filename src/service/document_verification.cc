#include "service/document_verification.h"

#include <algorithm>
#include <cctype>

#include "service/audit.h"
#include "service/audit_queue.h"
#include "service/crypto.h"
#include "service/errors.h"
#include "service/login_throttle.h"
#include "service/transaction.h"

namespace huji::service {

namespace {

constexpr int64_t kMinuteMs = 60'000;
// Addresses remembered before idle ones (both buckets full again) are forgotten.
constexpr size_t kPruneAbove = 50'000;
// Characters of a code that names no document kept in its audit entry: enough to find the
// entry again, too few to hand anyone reading the trail a code to try.
constexpr size_t kMissPrefix = 4;

// The member of the public a check is audited as (no staff username has parentheses).
Actor public_actor(const std::string& office_code) {
  Actor a;
  a.username = "(public)";
  a.anonymous = true;
  a.office_code = office_code;
  return a;
}

// The first characters of what was typed, letters and digits only, in capitals.
std::string miss_prefix(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (out.size() == kMissPrefix) break;
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

std::string from(const RequestContext& ctx) {
  return " from " + (ctx.source_address.empty() ? std::string("unknown") : ctx.source_address);
}

// Undoes canonical_printed's escapes of one key or value.
std::optional<std::string> unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (++i == s.size()) return std::nullopt;
    if (s[i] == 'n') {
      out += '\n';
    } else if (s[i] == '\\' || s[i] == '=') {
      out += s[i];
    } else {
      return std::nullopt;
    }
  }
  return out;
}

// The position of the first '=' that is not escaped.
size_t separator(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
    } else if (line[i] == '=') {
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

VerifyThrottle::Buckets& VerifyThrottle::buckets(const std::string& key, int64_t now_ms) {
  auto [it, fresh] = by_address_.try_emplace(key);
  Buckets& b = it->second;
  if (fresh) {
    b.checks = policy_.checks_per_minute;
    b.misses = policy_.misses_per_window;
    b.at_ms = now_ms;
    return b;
  }
  const double elapsed = static_cast<double>(std::max<int64_t>(0, now_ms - b.at_ms));
  b.checks = std::min<double>(policy_.checks_per_minute,
                              b.checks + elapsed * policy_.checks_per_minute / kMinuteMs);
  b.misses = std::min<double>(
      policy_.misses_per_window,
      b.misses + elapsed * policy_.misses_per_window / static_cast<double>(policy_.miss_window_ms));
  b.at_ms = std::max(b.at_ms, now_ms);
  return b;
}

void VerifyThrottle::prune(int64_t now_ms) {
  if (by_address_.size() <= kPruneAbove) return;
  std::erase_if(by_address_, [&](auto& entry) {
    Buckets& b = buckets(entry.first, now_ms);
    return b.checks >= policy_.checks_per_minute && b.misses >= policy_.misses_per_window;
  });
}

VerifyThrottle::Admission VerifyThrottle::admit(std::string_view address, int64_t now_ms) {
  if (policy_.checks_per_minute <= 0 && policy_.misses_per_window <= 0) return {};
  const std::string key = LoginThrottle::address_key(address);
  std::lock_guard lock(mu_);
  prune(now_ms);
  Buckets& b = buckets(key, now_ms);
  double wait_ms = 0;
  if (policy_.checks_per_minute > 0 && b.checks < 1) {
    wait_ms = (1 - b.checks) * kMinuteMs / policy_.checks_per_minute;
  }
  if (policy_.misses_per_window > 0 && b.misses < 1) {
    wait_ms = std::max(wait_ms, (1 - b.misses) * static_cast<double>(policy_.miss_window_ms) /
                                    policy_.misses_per_window);
  }
  if (wait_ms > 0) {
    Admission refused{static_cast<int64_t>(wait_ms / 1000) + 1, false};
    if (b.refusal_noted_ms < 0 || now_ms - b.refusal_noted_ms >= kMinuteMs) {
      refused.audit_refusal = true;
      b.refusal_noted_ms = now_ms;
    }
    return refused;
  }
  if (policy_.checks_per_minute > 0) b.checks -= 1;
  return {};
}

void VerifyThrottle::record_miss(std::string_view address, int64_t now_ms) {
  if (policy_.misses_per_window <= 0) return;
  const std::string key = LoginThrottle::address_key(address);
  std::lock_guard lock(mu_);
  Buckets& b = buckets(key, now_ms);
  b.misses = std::max(0.0, b.misses - 1);
}

const char* verify_outcome_code(VerifyOutcome o) {
  switch (o) {
    case VerifyOutcome::kValid: return "valid";
    case VerifyOutcome::kRevoked: return "revoked";
    case VerifyOutcome::kNotFound: return "not_found";
    case VerifyOutcome::kRateLimited: return "rate_limited";
  }
  return "not_found";
}

std::optional<DocumentDraft> parse_canonical_printed(std::string_view canonical) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < canonical.size()) {
    const size_t end = canonical.find('\n', start);
    if (end == std::string_view::npos) return std::nullopt;  // every line ends with '\n'
    lines.push_back(canonical.substr(start, end - start));
    start = end + 1;
  }
  if (lines.size() < 3) return std::nullopt;
  DocumentDraft d;
  auto kind = unescape(lines[0]);
  auto office = unescape(lines[1]);
  auto date = core::Date::parse_iso(lines[2]);
  if (!kind || !office || !date) return std::nullopt;
  d.kind = std::move(*kind);
  d.office_code = std::move(*office);
  d.issued_on = *date;
  for (size_t i = 3; i < lines.size(); ++i) {
    const size_t eq = separator(lines[i]);
    if (eq == std::string_view::npos) return std::nullopt;
    auto key = unescape(lines[i].substr(0, eq));
    auto value = unescape(lines[i].substr(eq + 1));
    if (!key || !value) return std::nullopt;
    d.printed.push_back({std::move(*key), std::move(*value)});
  }
  return d;
}

core::Result<IssuedDocument> revoke_document(DocumentTx& tx, const std::string& check_code,
                                             const std::string& reason, int64_t now_ms) {
  HUJI_ASSIGN_OR_RETURN(auto doc, tx.find_issued_document(check_code));
  if (!doc) {
    return core::Error::not_found("document.not_found", "查無此文件", "no such document");
  }
  if (doc->status == "revoked") {
    return core::Error::conflict("document.already_revoked", "此文件已註銷",
                                 "the document is already revoked");
  }
  HUJI_TRY(tx.set_issued_document_status(doc->id, "revoked", reason, now_ms));
  doc->status = "revoked";
  doc->status_reason = reason;
  doc->status_ms = now_ms;
  return *doc;
}

core::Result<VerificationService::Checked> VerificationService::find(
    std::optional<std::string> code, const std::string* pdf_sha256) {
  Checked c;
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  std::optional<IssuedDocument> doc;
  if (code) {
    HUJI_ASSIGN_OR_RETURN(doc, tx->find_issued_document(*code));
    if (doc && pdf_sha256 && doc->pdf_sha256 != *pdf_sha256) doc.reset();
  } else if (pdf_sha256) {
    HUJI_ASSIGN_OR_RETURN(doc, tx->find_issued_document_by_pdf(*pdf_sha256));
  }
  if (!doc) return c;
  HUJI_ASSIGN_OR_RETURN(auto office, tx->find_office(doc->office_code));
  if (office) c.v.office_name = office->name;
  if (auto draft = parse_canonical_printed(doc->printed)) c.v.printed = std::move(draft->printed);
  c.v.outcome = doc->status == "revoked" ? VerifyOutcome::kRevoked : VerifyOutcome::kValid;
  c.office = doc->office_code;
  c.v.document = std::move(doc);
  return c;
}

void VerificationService::finish(const RequestContext& ctx, core::Result<Checked> checked,
                                 const Prepare& prepare) {
  if (!checked.ok()) {
    prepare(checked.error())(core::Status());
    return;
  }
  const Actor actor = public_actor(checked->office);
  AuditRecord record{"document.verify", "", checked->purpose + from(ctx),
                     verify_outcome_code(checked->v.outcome)};
  Release release = prepare(std::move(checked->v));
  if (queue_) {
    queue_->submit(actor, ctx, std::move(record), std::move(release));
    return;
  }
  auto written = [&]() -> core::Status {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
    HUJI_TRY(append_audit(*tx, clock_, actor, ctx, record));
    return tx->commit();
  }();
  release(written);
}

bool VerificationService::refused(const RequestContext& ctx,
                                  const VerifyThrottle::Admission& admitted,
                                  const std::string& purpose, const Prepare& prepare) {
  if (admitted.retry_after_s == 0) return false;
  Checked refusal;
  refusal.v.outcome = VerifyOutcome::kRateLimited;
  refusal.v.retry_after_s = admitted.retry_after_s;
  if (!admitted.audit_refusal) {
    prepare(std::move(refusal.v))(core::Status());
    return true;
  }
  refusal.purpose = purpose;
  finish(ctx, std::move(refusal), prepare);
  return true;
}

void VerificationService::check_code(const RequestContext& ctx, std::string_view code,
                                     const Prepare& prepare) {
  const int64_t now = clock_.now_ms();
  const auto admitted = throttle_.admit(ctx.source_address, now);
  const std::optional<std::string> normal = normalize_check_code(code);
  if (refused(ctx, admitted, "code " + miss_prefix(code) + "…", prepare)) return;
  core::Result<Checked> checked = normal ? find(normal, nullptr) : Checked{};
  if (checked.ok()) {
    if (checked->v.document) {
      checked->purpose = "code " + checked->v.document->check_code;
    } else {
      throttle_.record_miss(ctx.source_address, now);
      checked->purpose = "code " + miss_prefix(normal.value_or(std::string(code))) + "…";
    }
  }
  finish(ctx, std::move(checked), prepare);
}

void VerificationService::check_pdf(const RequestContext& ctx, std::string_view pdf,
                                    const std::optional<std::string>& code,
                                    const Prepare& prepare) {
  const int64_t now = clock_.now_ms();
  const auto admitted = throttle_.admit(ctx.source_address, now);
  const std::string digest = sha256_hex(pdf);
  if (refused(ctx, admitted, "pdf " + digest.substr(0, 16), prepare)) return;
  std::optional<std::string> normal;
  if (code) normal = normalize_check_code(*code);
  core::Result<Checked> checked =
      code && !normal ? core::Result<Checked>(Checked{}) : find(normal, &digest);
  if (checked.ok()) {
    if (checked->v.document) {
      checked->purpose = "pdf of " + checked->v.document->check_code;
    } else {
      throttle_.record_miss(ctx.source_address, now);
      checked->purpose = "pdf " + digest.substr(0, 16);
      if (code) checked->purpose += " for code " + miss_prefix(normal.value_or(*code)) + "…";
    }
  }
  finish(ctx, std::move(checked), prepare);
}

core::Result<IssuedDocument> VerificationService::revoke(const Actor& actor,
                                                         const RequestContext& ctx,
                                                         std::string_view code,
                                                         const std::string& reason,
                                                         const std::string& idempotency_key) {
  if (actor.role != domain::Role::kSupervisor) {
    return core::Error::denied("document.revoke_forbidden",
                               "僅發證戶政事務所之課長（股長）可註銷文件",
                               "only a supervisor of the issuing office may revoke a document");
  }
  HUJI_TRY(errors::check_idempotency_key(idempotency_key));
  if (reason.empty() || reason.size() > 500) {
    return core::Error::invalid("document.reason_required", "請填寫註銷原因（500 字元內）",
                                "a reason (up to 500 characters) is required");
  }
  const auto normal = normalize_check_code(code);
  if (!normal) {
    return core::Error::not_found("document.not_found", "查無此文件", "no such document");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, idempotency_key));
  if (prior) {
    if (prior->operation != "document.revoke" || prior->fingerprint != *normal + "\n" + reason) {
      return errors::idempotency_key_reused();
    }
    HUJI_ASSIGN_OR_RETURN(auto doc, tx->find_issued_document(*normal));
    if (!doc) return core::Error::not_found("document.not_found", "查無此文件", "no such document");
    return *doc;
  }
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_issued_document(*normal));
  if (found && found->office_code != actor.office_code) {
    return core::Error::denied("document.revoke_forbidden",
                               "僅發證戶政事務所之課長（股長）可註銷文件",
                               "only a supervisor of the issuing office may revoke a document");
  }
  const int64_t now = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(auto doc, revoke_document(*tx, *normal, reason, now));
  HUJI_TRY(tx->put_idempotency(
      {actor.username, idempotency_key, "document.revoke", *normal + "\n" + reason, doc.id, now}));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {"document.revoke", "", "code " + doc.check_code + "：" + reason}));
  HUJI_TRY(tx->commit());
  return doc;
}

}  // namespace huji::service
