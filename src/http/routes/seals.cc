// The seal register (印鑑登記, issue 18 item 5): /api/v1/seals (register), a seal's change and
// abolition, its image, a person's seals (/api/v1/persons/{id}/seals), and the comparison of
// two impressions (/api/v1/seals/compare). Images travel as base64 PNG in JSON, or as parts
// of a multipart/form-data body.

#include <sodium.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "domain/documents/seal_verdict.h"
#include "http/json_mapping.h"
#include "http/multipart.h"
#include "http/routes.h"
#include "service/seal_service.h"

namespace huji::http {

namespace {

using nlohmann::json;

// Two PNGs of at most 2 MiB each, as base64 (4/3) in JSON, with room for the rest.
constexpr size_t kSealBodyLimit = size_t{6} << 20;

struct ApplicantBody {
  std::string kind, name, id_number;
};
struct RegisterBody {
  std::string person_id, image_png;
  std::optional<ApplicantBody> applicant;
};
struct ChangeBody {
  std::string image_png;
  std::optional<ApplicantBody> applicant;
};
struct AbolishBody {
  std::optional<ApplicantBody> applicant;
  std::string reason;
};
struct CompareBody {
  std::optional<std::string> registered, candidate, a, b;
};
struct CertificateBody {
  std::string candidate, purpose;
  std::optional<int64_t> sheets;
  std::optional<ApplicantBody> applicant;
  std::optional<bool> confirmed;
};

service::SealApplicant applicant_of(const std::optional<ApplicantBody>& b) {
  service::SealApplicant a;
  if (b) {
    a.kind = b->kind.empty() ? "self" : b->kind;
    a.name = b->name;
    a.id_number = b->id_number;
  }
  return a;
}

core::Result<std::string> from_base64(const std::string& text, const char* field) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t n = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), " \r\n", &n, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return core::Error::invalid("seal.image_base64",
                                std::string(field) + " 須為 base64 編碼的 PNG 影像",
                                std::string(field) + " must be a base64-encoded PNG image");
  }
  out.resize(n);
  return out;
}

std::string to_base64(const std::string& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

json applicant_out(const std::string& stored) {
  json j = json::parse(stored, nullptr, false);
  return j.is_discarded() ? json(nullptr) : j;
}

json seal_json(const service::SealRecord& s) {
  return {
      {"id", s.id},
      {"person_id", s.person_id},
      {"status", s.status},
      {"image_sha256", s.image_sha256},
      {"image_url", "/api/v1/seals/" + std::to_string(s.id) + "/image"},
      {"office_code", s.office_code},
      {"registered_on", s.registered_on.to_iso()},
      {"registered_by", s.registered_by},
      {"applicant", applicant_out(s.applicant)},
      {"replaces", s.replaces == 0 ? json(nullptr) : json(s.replaces)},
      {"ended_on", s.ended_on ? json(s.ended_on->to_iso()) : json(nullptr)},
      {"ended_by", s.ended_by.empty() ? json(nullptr) : json(s.ended_by)},
      {"end_applicant", s.end_applicant.empty() ? json(nullptr) : applicant_out(s.end_applicant)},
      {"end_reason", s.end_reason},
      {"version", s.version}};
}

json comparison_json(const service::SealComparison& c) {
  return {{"score", c.score},
          {"match", c.verdict == domain::documents::SealVerdict::kMatch},
          {"verdict", std::string(domain::documents::to_string(c.verdict))},
          {"coverage", c.coverage},
          {"ink_ratio", c.ink_ratio},
          {"overlay_png", to_base64(c.overlay_png)}};
}

json certificate_json(const service::SealCertificateRecord& c, const std::string& grouped,
                      std::optional<int64_t> fee) {
  const std::string base = "/api/v1/seal-certificates/" + std::to_string(c.id);
  json j = {{"id", c.id},
            {"seal_id", c.seal_id},
            {"person_id", c.person_id},
            {"office_code", c.office_code},
            {"purpose", c.purpose},
            {"applicant", applicant_out(c.applicant)},
            {"sheets", c.sheets},
            {"score", c.score_bp / 10000.0},
            {"verdict", c.verdict},
            {"confirmed_by", c.confirmed_by},
            {"issued_on", c.issued_on.to_iso()},
            {"check_code", grouped},
            {"pdf_url", base + "/pdf"},
            {"overlay_url", base + "/overlay"}};
  if (fee) j["fee"] = *fee;
  return j;
}

// The two images of a comparison, from JSON (registered/candidate or a/b, base64) or from a
// multipart body (parts of those names).
core::Result<std::pair<std::string, std::string>> compare_images(const Request& q) {
  std::map<std::string, std::string> parts;
  if (is_multipart(q.content_type())) {
    HUJI_ASSIGN_OR_RETURN(parts, parse_multipart(q.content_type(), q.raw_body()));
  } else {
    HUJI_ASSIGN_OR_RETURN(CompareBody b, q.body<CompareBody>());
    for (auto [name, value] :
         {std::pair{"registered", &b.registered}, std::pair{"candidate", &b.candidate},
          std::pair{"a", &b.a}, std::pair{"b", &b.b}}) {
      if (!*value) continue;
      HUJI_ASSIGN_OR_RETURN(parts[name], from_base64(**value, name));
    }
  }
  auto take = [&parts](const char* name, const char* alias) -> std::optional<std::string> {
    for (const char* n : {name, alias}) {
      if (auto it = parts.find(n); it != parts.end()) return it->second;
    }
    return std::nullopt;
  };
  auto registered = take("registered", "a");
  auto candidate = take("candidate", "b");
  if (!registered || !candidate) {
    return core::Error::invalid("seal.compare_images",
                                "請提供兩張印鑑影像：registered（或 a）與 candidate（或 b）",
                                "send two seal images: registered (or a) and candidate (or b)");
  }
  return std::pair{std::move(*registered), std::move(*candidate)};
}

}  // namespace

HUJI_JSON_INPUT(ApplicantBody, kind, name, id_number)
HUJI_JSON_INPUT(RegisterBody, person_id, image_png, applicant)
HUJI_JSON_INPUT(ChangeBody, image_png, applicant)
HUJI_JSON_INPUT(AbolishBody, applicant, reason)
HUJI_JSON_INPUT(CompareBody, registered, candidate, a, b)
HUJI_JSON_INPUT(CertificateBody, candidate, purpose, sheets, applicant, confirmed)

void add_seal_routes(Routes& r, Services& s) {
  const RouteOptions images{.body_limit = kSealBodyLimit};
  r.post(
      "/api/v1/seals",
      [&s](Request& q) -> Answer {
        HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
        HUJI_ASSIGN_OR_RETURN(RegisterBody b, q.body<RegisterBody>());
        service::SealRegistration in;
        in.person_id = b.person_id;
        HUJI_ASSIGN_OR_RETURN(in.image_png, from_base64(b.image_png, "image_png"));
        in.applicant = applicant_of(b.applicant);
        HUJI_ASSIGN_OR_RETURN(auto seal,
                              s.seals->register_seal(actor, q.ctx(), in, q.idempotency_key()));
        return Response::created({{"seal", seal_json(seal)}});
      },
      images);
  r.post(
      "/api/v1/seals/compare",
      [&s](Request& q) -> Answer {
        HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
        HUJI_ASSIGN_OR_RETURN(auto images, compare_images(q));
        HUJI_ASSIGN_OR_RETURN(auto c, s.seals->compare(actor, images.first, images.second));
        return Response::ok(comparison_json(c));
      },
      images);
  r.post(
      "/api/v1/seals/{id:int}/change",
      [&s](Request& q) -> Answer {
        HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
        HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
        HUJI_ASSIGN_OR_RETURN(ChangeBody b, q.body<ChangeBody>());
        HUJI_ASSIGN_OR_RETURN(std::string image, from_base64(b.image_png, "image_png"));
        HUJI_ASSIGN_OR_RETURN(
            auto seal, s.seals->change_seal(actor, q.ctx(), id, image, applicant_of(b.applicant),
                                            q.idempotency_key()));
        return Response::created({{"seal", seal_json(seal)}});
      },
      images);
  r.post("/api/v1/seals/{id:int}/abolish", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(AbolishBody b, q.body<AbolishBody>());
    HUJI_ASSIGN_OR_RETURN(
        auto seal, s.seals->abolish_seal(actor, q.ctx(), id, applicant_of(b.applicant), b.reason,
                                         q.idempotency_key()));
    return Response::ok({{"seal", seal_json(seal)}});
  });
  r.post(
      "/api/v1/seals/{id:int}/compare",
      [&s](Request& q) -> Answer {
        HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
        HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
        HUJI_ASSIGN_OR_RETURN(CompareBody b, q.body<CompareBody>());
        if (!b.candidate) {
          return core::Error::invalid("seal.compare_images", "請提供申請書上的印鑑影像 candidate",
                                      "send the application's impression as candidate");
        }
        HUJI_ASSIGN_OR_RETURN(std::string candidate, from_base64(*b.candidate, "candidate"));
        HUJI_ASSIGN_OR_RETURN(auto seal, s.seals->seal(actor, q.ctx(), id, "印鑑比對"));
        if (seal.status != "current") return service::seal_not_current(seal);
        HUJI_ASSIGN_OR_RETURN(auto c, s.seals->compare(actor, seal.image, candidate));
        return Response::ok(comparison_json(c));
      },
      images);
  r.post(
      "/api/v1/seals/{id:int}/certificates",
      [&s](Request& q) -> Answer {
        HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
        HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
        HUJI_ASSIGN_OR_RETURN(CertificateBody b, q.body<CertificateBody>());
        service::SealCertificateRequest in;
        HUJI_ASSIGN_OR_RETURN(in.candidate_png, from_base64(b.candidate, "candidate"));
        in.purpose = b.purpose;
        in.sheets = static_cast<int>(std::clamp<int64_t>(b.sheets.value_or(1), -1, 1000));
        in.applicant = applicant_of(b.applicant);
        in.confirmed = b.confirmed.value_or(false);
        HUJI_ASSIGN_OR_RETURN(
            auto issued, s.seals->issue_certificate(actor, q.ctx(), id, in, q.idempotency_key()));
        return Response::created(
            {{"certificate",
              certificate_json(issued.certificate, issued.check_code_grouped, issued.fee)}});
      },
      images);
  r.get("/api/v1/seal-certificates/{id:int}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto c, s.seals->certificate(actor, q.ctx(), id));
    return Response::ok(
        {{"certificate",
          certificate_json(c, service::group_check_code(c.check_code), std::nullopt)}});
  });
  r.get("/api/v1/seal-certificates/{id:int}/pdf", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto pdf, s.seals->certificate_pdf(actor, q.ctx(), id));
    return Response::bytes("application/pdf", std::move(pdf));
  });
  r.get("/api/v1/seal-certificates/{id:int}/overlay", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto c, s.seals->certificate(actor, q.ctx(), id));
    return Response::bytes("image/png", std::move(c.overlay));
  });
  r.get("/api/v1/seals/{id:int}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto seal,
                          s.seals->seal(actor, q.ctx(), id, query.text("purpose", "印鑑業務")));
    return Response::ok({{"seal", seal_json(seal)}});
  });
  r.get("/api/v1/seals/{id:int}/image", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto seal,
                          s.seals->seal(actor, q.ctx(), id, query.text("purpose", "印鑑業務")));
    return Response::bytes("image/png", std::move(seal.image));
  });
  r.get("/api/v1/persons/{id}/seals", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto seals, s.seals->seals_of(actor, q.ctx(), q.path("id"),
                                                        query.text("purpose", "印鑑業務")));
    json arr = json::array();
    for (const auto& seal : seals) arr.push_back(seal_json(seal));
    return Response::ok({{"seals", std::move(arr)}});
  });
}

}  // namespace huji::http
