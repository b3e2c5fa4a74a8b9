#include "service/document_registry.h"

#include <gtest/gtest.h>

#include <set>

namespace huji::service {
namespace {

DocumentDraft draft() {
  return DocumentDraft{"transcript",
                       "63000010",
                       *core::Date::parse_iso("2026-12-05"),
                       {{"戶號", "F1234567"}, {"姓名", "王小明"}, {"統一編號", "A123456789"}}};
}

TEST(DocumentRegistryTest, CheckCodesAreHundredBitsGroupedAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string code = new_check_code();
    ASSERT_EQ(code.size(), 20u);
    EXPECT_TRUE(seen.insert(code).second);
  }
  EXPECT_EQ(group_check_code("ABCDEFGHJKMNPQRSTVWX"), "ABCD-EFGH-JKMN-PQRS-TVWX");
}

TEST(DocumentRegistryTest, CodesAsTypedOrReadAloudNormalise) {
  EXPECT_EQ(normalize_check_code("abcd-efgh-jkmn-pqrs-tvwx"), "ABCDEFGHJKMNPQRSTVWX");
  EXPECT_EQ(normalize_check_code("ABCD EFGH JKMN PQRS TV0O"), "ABCDEFGHJKMNPQRSTV00");
  EXPECT_EQ(normalize_check_code("ABCDEFGHJKMNPQRSTVIL"), "ABCDEFGHJKMNPQRSTV11");
  EXPECT_EQ(normalize_check_code("ABCDEFGHJKMNPQRSTVW"), std::nullopt);    // 19
  EXPECT_EQ(normalize_check_code("ABCDEFGHJKMNPQRSTVWXY"), std::nullopt);  // 21
  EXPECT_EQ(normalize_check_code("ABCDEFGHJKMNPQRSTVWU"), std::nullopt);   // U is not used
  EXPECT_EQ(normalize_check_code("../etc/passwd"), std::nullopt);
}

TEST(DocumentRegistryTest, TheQrVerifiesOfflineWithThePublicKey) {
  DocumentSigner signer = DocumentSigner::generate();
  DocumentStamp st = signer.stamp(draft());
  auto content = verify_qr(st.qr_text, signer.public_key_hex());
  ASSERT_TRUE(content.ok()) << content.error().message_en;
  EXPECT_EQ(content->check_code, st.check_code);
  EXPECT_EQ(content->kind, "transcript");
  EXPECT_EQ(content->office_code, "63000010");
  EXPECT_EQ(content->issued_on, draft().issued_on);
  EXPECT_EQ(content->digest, st.digest);
  EXPECT_EQ(st.key_id.size(), 16u);
}

TEST(DocumentRegistryTest, AlteringAnyPartOfTheQrOrTheKeyFailsTheCheck) {
  DocumentSigner signer = DocumentSigner::generate();
  DocumentStamp st = signer.stamp(draft());
  for (size_t i = 0; i < st.qr_text.size(); i += 7) {
    std::string altered = st.qr_text;
    altered[i] = altered[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(verify_qr(altered, signer.public_key_hex()).ok()) << "position " << i;
  }
  EXPECT_EQ(verify_qr(st.qr_text, DocumentSigner::generate().public_key_hex()).error().code,
            "document.qr_invalid");
  EXPECT_FALSE(verify_qr("", signer.public_key_hex()).ok());
  EXPECT_FALSE(verify_qr("HJ1:", signer.public_key_hex()).ok());
}

TEST(DocumentRegistryTest, ThePrintedFieldsDecideTheDigest) {
  DocumentSigner signer = DocumentSigner::generate();
  DocumentDraft a = draft();
  DocumentDraft b = draft();
  b.printed[1].value = "王小朋";
  EXPECT_NE(signer.stamp(a).digest, signer.stamp(b).digest);
  EXPECT_EQ(signer.stamp(a).digest, signer.stamp(a).digest);
  // No two different field lists share the canonical form ("a=b" + "c" vs "a" + "b=c").
  DocumentDraft c = draft();
  c.printed = {{"a=b", "c"}};
  DocumentDraft d = draft();
  d.printed = {{"a", "b=c"}};
  EXPECT_NE(canonical_printed(c), canonical_printed(d));
}

TEST(DocumentRegistryTest, AKeySurvivesItsHexForm) {
  DocumentSigner signer = DocumentSigner::generate();
  EXPECT_FALSE(DocumentSigner::from_secret_hex("zz").ok());
}

}  // namespace
}  // namespace huji::service
