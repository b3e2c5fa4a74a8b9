#include "render/receipt.h"

#include <gtest/gtest.h>

namespace huji::render {
namespace {

service::ReceiptPrint sample() {
  service::ReceiptPrint r;
  r.office_name = "臺北市文山區戶政事務所";
  r.number = "115-000001";
  r.issued_on = "民國115年12月05日";
  r.issued_iso = "2026-12-05";
  r.lines = {{"戶籍謄本（每張）", 2, 30, ""}, {"國民身分證初領", 1, 0, "行政區域調整"}};
  r.total = 30;
  r.method = "現金";
  r.tendered = 100;
  r.change = 70;
  r.counter = "3";
  r.clerk = "王小明";
  r.check_code_grouped = "ABCD-EFGH-JKMN-PQRS-TVWX";
  r.qr_text = "HJ1:ABCDEFGHJKMNPQRSTVWX:receipt:63000080:20261205:ab:cd";
  return r;
}

TEST(PdfReceiptRenderer, RendersOneA4PageAndTheSameBytesTwice) {
  PdfReceiptRenderer renderer;
  auto a = renderer.render(sample());
  ASSERT_TRUE(a.ok()) << a.error().message_en;
  EXPECT_EQ(a->rfind("%PDF-", 0), 0u);
  EXPECT_NE(a->find("/Count 1"), std::string::npos);
  auto b = renderer.render(sample());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*a, *b);
}

}  // namespace
}  // namespace huji::render
