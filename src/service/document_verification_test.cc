#include "service/document_verification.h"

#include <gtest/gtest.h>

#include "service/transaction.h"
#include "testing/temp_db.h"

namespace huji::service {
namespace {

constexpr const char* kOffice = "63000080";
constexpr const char* kPdf = "%PDF-1.4\n% a transcript\n%%EOF\n";

class DocumentVerificationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tx = db_.store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(tx->put_office({kOffice, "臺北市文山區戶政事務所", "臺北市", "文山區", ""}).ok());
    ASSERT_TRUE(tx->put_office({"10007010", "北斗鎮戶政事務所", "彰化縣", "北斗鎮", ""}).ok());
    DocumentDraft draft{"transcript",
                        kOffice,
                        *core::Date::parse_iso("2026-12-05"),
                        {{"戶號", "F1234567"}, {"姓名", "王小明"}, {"a=b\\c", "line\nnext"}}};
    stamp_ = signer_.stamp(draft);
    doc_ = record_document(*tx, draft, stamp_, kPdf, "clerk1", clock_.now_ms()).value();
    ASSERT_TRUE(tx->commit().ok());
  }

  // A check by code, answered synchronously (no audit queue).
  Verification check(std::string_view code, const std::string& address = "192.0.2.7") {
    std::optional<Verification> out;
    RequestContext ctx{"req", address};
    service_.check_code(ctx, code,
                        [&](core::Result<Verification> v) -> VerificationService::Release {
                          EXPECT_TRUE(v.ok());
                          out = std::move(v).value();
                          return [](const core::Status& durable) { EXPECT_TRUE(durable.ok()); };
                        });
    return *out;
  }
  Verification check_pdf(std::string_view pdf,
                         const std::optional<std::string>& code = std::nullopt) {
    std::optional<Verification> out;
    service_.check_pdf({"req", "192.0.2.8"}, pdf, code,
                       [&](core::Result<Verification> v) -> VerificationService::Release {
                         out = std::move(v).value();
                         return [](const core::Status&) {};
                       });
    return *out;
  }
  std::vector<AuditEntry> audit_of(const std::string& action) {
    AuditQuery q;
    q.action_prefix = action;
    return db_.store().begin(TxMode::kRead).value()->query_audit(q).value();
  }

  testing::TempDb db_;
  core::ManualClock clock_{1'732'000'000'000};
  DocumentSigner signer_ = DocumentSigner::generate();
  VerifyThrottle throttle_{VerifyPolicy{.checks_per_minute = 30, .misses_per_window = 3}};
  VerificationService service_{db_.store(), clock_, throttle_};
  DocumentStamp stamp_;
  IssuedDocument doc_;
  Actor supervisor_{5, "super1", "", domain::Role::kSupervisor, kOffice, ""};
};

TEST_F(DocumentVerificationTest, TheCodeAsPrintedOrTypedFindsTheDocumentAndWhatItPrinted) {
  for (const std::string& code : {stamp_.check_code_grouped, stamp_.check_code}) {
    Verification v = check(code);
    EXPECT_EQ(v.outcome, VerifyOutcome::kValid);
    ASSERT_TRUE(v.document);
    EXPECT_EQ(v.document->pdf_sha256, doc_.pdf_sha256);
    EXPECT_EQ(v.office_name, "臺北市文山區戶政事務所");
    ASSERT_EQ(v.printed.size(), 3u);
    EXPECT_EQ(v.printed[1], (PrintedField{"姓名", "王小明"}));
    EXPECT_EQ(v.printed[2], (PrintedField{"a=b\\c", "line\nnext"}));  // escapes undone
  }
  std::string lower = stamp_.check_code_grouped;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(check(lower).outcome, VerifyOutcome::kValid);
}

TEST_F(DocumentVerificationTest, EveryCheckIsAuditedAsThePublicUnderTheIssuingOffice) {
  check(stamp_.check_code);
  check("ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ");
  check("../etc/passwd");
  auto entries = audit_of("document.verify");
  ASSERT_EQ(entries.size(), 3u);
  // Newest first.
  EXPECT_EQ(entries[2].username, "(public)");
  EXPECT_EQ(entries[2].role, "");
  EXPECT_EQ(entries[2].office_code, kOffice);
  EXPECT_EQ(entries[2].outcome, "valid");
  EXPECT_EQ(entries[2].purpose, "code " + stamp_.check_code + " from 192.0.2.7");
  EXPECT_EQ(entries[1].outcome, "not_found");
  EXPECT_EQ(entries[1].office_code, "");
  EXPECT_EQ(entries[1].purpose, "code ZZZZ… from 192.0.2.7");  // only the first characters
  EXPECT_EQ(entries[0].purpose, "code ETCP… from 192.0.2.7");
}

TEST_F(DocumentVerificationTest, MissesAreLimitedPerAddressAndAudited) {
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(check("ZZZZZZZZZZZZZZZZZZZZ").outcome, VerifyOutcome::kNotFound);
  Verification refused = check(stamp_.check_code);  // even a right code, from this address
  EXPECT_EQ(refused.outcome, VerifyOutcome::kRateLimited);
  EXPECT_GT(refused.retry_after_s, 0);
  EXPECT_LE(refused.retry_after_s, 201);  // one miss of 3 per 10 minutes comes back
  EXPECT_FALSE(refused.document);
  // Another address is not held back.
  EXPECT_EQ(check(stamp_.check_code, "198.51.100.1").outcome, VerifyOutcome::kValid);
  // A refusal is audited once a minute per address, not once per request.
  check(stamp_.check_code);
  auto refusals = audit_of("document.verify");
  EXPECT_EQ(std::count_if(refusals.begin(), refusals.end(),
                          [](const AuditEntry& e) { return e.outcome == "rate_limited"; }),
            1);
  clock_.advance_ms(int64_t{201} * 1000);
  EXPECT_EQ(check(stamp_.check_code).outcome, VerifyOutcome::kValid);
}

TEST_F(DocumentVerificationTest, AllChecksAreLimitedToo) {
  VerifyThrottle t{VerifyPolicy{.checks_per_minute = 2, .misses_per_window = 0}};
  EXPECT_EQ(t.admit("192.0.2.1", 0).retry_after_s, 0);
  EXPECT_EQ(t.admit("192.0.2.1", 0).retry_after_s, 0);
  auto third = t.admit("192.0.2.1", 0);
  EXPECT_EQ(third.retry_after_s, 31);
  EXPECT_TRUE(third.audit_refusal);
  EXPECT_FALSE(t.admit("192.0.2.1", 1000).audit_refusal);
  EXPECT_EQ(t.admit("192.0.2.1", 30'000).retry_after_s, 0);  // refilled
  // IPv6 counts by /64.
  EXPECT_EQ(t.admit("2001:db8::1", 0).retry_after_s, 0);
  EXPECT_EQ(t.admit("2001:db8::2", 0).retry_after_s, 0);
  EXPECT_GT(t.admit("2001:db8::3", 0).retry_after_s, 0);
  VerifyThrottle unlimited{VerifyPolicy{.checks_per_minute = 0, .misses_per_window = 0}};
  for (int i = 0; i < 1000; ++i) unlimited.record_miss("192.0.2.1", 0);
  EXPECT_EQ(unlimited.admit("192.0.2.1", 0).retry_after_s, 0);
}

TEST_F(DocumentVerificationTest, ThePdfFindsItsDocumentWithOrWithoutItsCode) {
  Verification v = check_pdf(kPdf);
  EXPECT_EQ(v.outcome, VerifyOutcome::kValid);
  ASSERT_TRUE(v.document);
  EXPECT_EQ(v.document->check_code, stamp_.check_code);
  EXPECT_EQ(check_pdf(kPdf, stamp_.check_code_grouped).outcome, VerifyOutcome::kValid);
}

TEST_F(DocumentVerificationTest, AnAlteredByteOrAnotherCodeFailsThePdfCheck) {
  VerifyThrottle open{VerifyPolicy{.checks_per_minute = 0, .misses_per_window = 0}};
  VerificationService service(db_.store(), clock_, open);
  auto outcome = [&](std::string_view pdf, const std::optional<std::string>& code) {
    VerifyOutcome out{};
    service.check_pdf({"r", "192.0.2.9"}, pdf, code,
                      [&](core::Result<Verification> v) -> VerificationService::Release {
                        out = v->outcome;
                        return [](const core::Status&) {};
                      });
    return out;
  };
  const std::string pdf = kPdf;
  for (size_t i = 0; i < pdf.size(); ++i) {
    std::string one = pdf;
    one[i] = static_cast<char>(one[i] ^ 0x20);
    EXPECT_EQ(outcome(one, std::nullopt), VerifyOutcome::kNotFound) << "byte " << i;
  }
  EXPECT_EQ(outcome(pdf + " ", std::nullopt), VerifyOutcome::kNotFound);
  EXPECT_EQ(outcome(pdf, std::nullopt), VerifyOutcome::kValid);
  EXPECT_EQ(outcome(pdf, "ZZZZZZZZZZZZZZZZZZZZ"), VerifyOutcome::kNotFound);
  EXPECT_EQ(outcome(pdf, "not a code"), VerifyOutcome::kNotFound);
}

TEST_F(DocumentVerificationTest, ARevokedDocumentShowsAsRevokedAtOnce) {
  auto revoked = service_.revoke(supervisor_, {"r"}, stamp_.check_code_grouped, "換發新謄本", "k1");
  ASSERT_TRUE(revoked.ok()) << revoked.error().message_en;
  EXPECT_EQ(revoked->status, "revoked");
  EXPECT_EQ(check(stamp_.check_code).outcome, VerifyOutcome::kRevoked);
  // The same request again answers the same; another key finds it revoked already.
  EXPECT_TRUE(service_.revoke(supervisor_, {"r"}, stamp_.check_code, "換發新謄本", "k1").ok());
  EXPECT_EQ(service_.revoke(supervisor_, {"r"}, stamp_.check_code, "換發新謄本", "k2").error().code,
            "document.already_revoked");
  EXPECT_EQ(service_.revoke(supervisor_, {"r"}, stamp_.check_code, "other", "k1").error().code,
            "idempotency.key_reused");
  auto entries = audit_of("document.revoke");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].username, "super1");
}

TEST_F(DocumentVerificationTest, OnlyASupervisorOfTheIssuingOfficeRevokesWithAReason) {
  Actor clerk{1, "clerk1", "", domain::Role::kClerk, kOffice, ""};
  Actor elsewhere{6, "super9", "", domain::Role::kSupervisor, "10007010", ""};
  EXPECT_EQ(service_.revoke(clerk, {"r"}, stamp_.check_code, "x", "k").error().code,
            "document.revoke_forbidden");
  EXPECT_EQ(service_.revoke(elsewhere, {"r"}, stamp_.check_code, "x", "k").error().code,
            "document.revoke_forbidden");
  EXPECT_EQ(service_.revoke(supervisor_, {"r"}, stamp_.check_code, "", "k").error().code,
            "document.reason_required");
  EXPECT_EQ(service_.revoke(supervisor_, {"r"}, stamp_.check_code, "x", "").error().code,
            "idempotency.key_required");
  EXPECT_EQ(service_.revoke(supervisor_, {"r"}, "ZZZZZZZZZZZZZZZZZZZZ", "x", "k").error().code,
            "document.not_found");
  EXPECT_EQ(check(stamp_.check_code).outcome, VerifyOutcome::kValid);
}

TEST(CanonicalPrintedTest, ParsesWhatCanonicalPrintedWrote) {
  DocumentDraft d{"receipt",
                  "63000080",
                  *core::Date::parse_iso("2026-01-02"),
                  {{"k", "v"}, {"=\\\n", "\n=\\"}, {"", ""}}};
  auto back = parse_canonical_printed(canonical_printed(d));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->kind, "receipt");
  EXPECT_EQ(back->office_code, "63000080");
  EXPECT_EQ(back->issued_on, d.issued_on);
  EXPECT_EQ(back->printed, d.printed);
  EXPECT_FALSE(parse_canonical_printed("receipt\n63000080\n"));
  EXPECT_FALSE(parse_canonical_printed("receipt\n63000080\n2026-01-02\nno separator\n"));
  EXPECT_FALSE(parse_canonical_printed("receipt\n63000080\n2026-01-02\nk=v"));  // no newline
}

}  // namespace
}  // namespace huji::service
