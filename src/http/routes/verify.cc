// Public verification of issued documents (/api/v1/verify/…, no login) and their revocation by
// a supervisor (/api/v1/documents/{code}/revoke). A check answers what the document printed and
// its status, read from the store: a revocation shows at once. A code or PDF that names no
// issued document gets 404 {"valid": false, "error": …}; guessing is throttled (429 with
// Retry-After); every check is audited (service/document_verification.h).

#include <ctime>

#include "core/clock.h"
#include "http/json_mapping.h"
#include "http/routes.h"
#include "service/document_verification.h"

namespace huji::http {

namespace {

struct RevokeBody {
  std::string reason;
};

core::Error no_such_document() {
  return core::Error::not_found("document.not_found", "查無此文件：檢查碼或檔案不符",
                                "no such document: the check code or file does not match");
}

core::Error unavailable() {
  return core::Error::unavailable("verify.unavailable", "文件驗證未啟用",
                                  "document verification is not configured");
}

// The answer to a check, as the document itself printed it.
Answer verification_answer(const service::Verification& v) {
  using service::VerifyOutcome;
  if (v.outcome == VerifyOutcome::kRateLimited) {
    core::Error e = core::Error::too_many(
        "verify.rate_limited",
        "查驗次數過多，請於 " + std::to_string(v.retry_after_s) + " 秒後再試",
        "too many checks; try again in " + std::to_string(v.retry_after_s) + " seconds");
    e.retry_after_s = v.retry_after_s;
    return e;
  }
  if (!v.document) {
    nlohmann::json body = error_json(no_such_document());
    body["valid"] = false;
    return Response{404, std::move(body), {}, {}};
  }
  const service::IssuedDocument& d = *v.document;
  nlohmann::json printed = nlohmann::json::array();
  for (const auto& f : v.printed) printed.push_back({{"key", f.key}, {"value", f.value}});
  nlohmann::json out = {{"valid", true},
                        {"status", d.status},
                        {"document", d.kind},
                        {"check_code", service::group_check_code(d.check_code)},
                        {"issued_on", d.issued_on.to_iso()},
                        {"office_code", d.office_code},
                        {"office_name", v.office_name},
                        {"printed", std::move(printed)},
                        {"digest", d.digest},
                        {"key_id", d.key_id},
                        {"sha256", d.pdf_sha256}};
  if (d.status == "revoked") out["revoked_on"] = core::taipei_date_of_ms(d.status_ms).to_iso();
  return Response::ok(std::move(out));
}

// Hands a check's answer out once its audit entry is durable.
service::VerificationService::Prepare answer_when_audited(Respond respond) {
  return [respond = std::move(respond)](core::Result<service::Verification> v) {
    Answer answer = v.ok() ? verification_answer(*v) : Answer(v.error());
    return [respond, answer = std::move(answer)](const core::Status& durable) mutable {
      respond(durable.ok() ? std::move(answer) : Answer(durable.error()));
    };
  };
}

}  // namespace

HUJI_JSON_INPUT(RevokeBody, reason)

void add_verify_routes(Routes& r, Services& s, const ServerConfig& config) {
  // The office's public key(s) for checking a QR code offline.
  r.get("/api/v1/verify/keys",
        [&s](Request&) -> Answer {
          if (!s.document_signer) return unavailable();
          nlohmann::json keys = nlohmann::json::array();
          keys.push_back({{"key_id", s.document_signer->key_id()},
                          {"algorithm", "Ed25519"},
                          {"public_key", s.document_signer->public_key_hex()}});
          return Response::ok({{"keys", std::move(keys)}});
        },
        {.run = Run::kIoThread, .anonymous = true});
  r.deferred(Method::kGet, "/api/v1/verify/{code}",
             [&s](Request& q, Respond respond) {
               if (!s.verification) return respond(unavailable());
               s.verification->check_code(q.ctx(), q.path("code"),
                                          answer_when_audited(std::move(respond)));
             },
             {.run = Run::kLocalReads, .anonymous = true});
  // The PDF's bytes as the body (application/pdf): is it an issued document, unaltered?
  auto pdf_check = [&s](bool with_code) {
    return [&s, with_code](Request& q, Respond respond) {
      if (!s.verification) return respond(unavailable());
      if (q.mime() != "application/pdf") {
        return respond(core::Error::invalid(std::string(kUnsupportedMediaType),
                                            "請上傳 PDF 檔（Content-Type: application/pdf）",
                                            "send the PDF file (Content-Type: application/pdf)"));
      }
      std::optional<std::string> code;
      if (with_code) code = q.path("code");
      s.verification->check_pdf(q.ctx(), q.raw_body(), code,
                                answer_when_audited(std::move(respond)));
    };
  };
  const RouteOptions pdf_options{.body_limit = config.max_document_body, .anonymous = true};
  r.deferred(Method::kPost, "/api/v1/verify/pdf", pdf_check(false), pdf_options);
  r.deferred(Method::kPost, "/api/v1/verify/{code}/pdf", pdf_check(true), pdf_options);

  r.post("/api/v1/documents/{code}/revoke", [&s](Request& q) -> Answer {
    if (!s.verification) return unavailable();
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(RevokeBody b, q.body<RevokeBody>());
    HUJI_ASSIGN_OR_RETURN(auto d, s.verification->revoke(actor, q.ctx(), q.path("code"), b.reason,
                                                         q.idempotency_key()));
    return Response::ok({{"document",
                          {{"check_code", service::group_check_code(d.check_code)},
                           {"document", d.kind},
                           {"office_code", d.office_code},
                           {"status", d.status},
                           {"status_reason", d.status_reason},
                           {"revoked_on", core::taipei_date_of_ms(d.status_ms).to_iso()}}}});
  });
}

}  // namespace huji::http
