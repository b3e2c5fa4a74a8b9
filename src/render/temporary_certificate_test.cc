#include "render/temporary_certificate.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace huji::render {
namespace {

namespace fs = std::filesystem;

service::TemporaryCertificate certificate() {
  service::TemporaryCertificate c;
  c.office_name = "臺北市文山區戶政事務所";
  c.fields = {{"姓名", "王美玲"},
              {"統一編號", "A223456781"},
              {"出生日期", "民國089年03月02日"},
              {"事由", "國民身分證製證系統停機"},
              {"有效期間", "民國115年12月05日至民國116年01月04日"},
              {"發證日期", "民國115年12月05日"}};
  c.issued_on_iso = "2026-12-05";
  c.check_code = "7KQ2-M9XD-4TQA-8ZRW-1C6H";
  c.qr_text = "HJ1:7KQ2M9XD4TQA8ZRW1C6H:temporary_certificate:63000080:20261205:ab:cd";
  return c;
}

// Where a test keeps what a person looks at: HUJI_TEST_ARTEFACTS, else a temporary folder.
fs::path artefacts() {
  const char* dir = std::getenv("HUJI_TEST_ARTEFACTS");
  fs::path p = dir ? fs::path(dir) : fs::temp_directory_path() / "huji-test-artefacts";
  fs::create_directories(p);
  return p;
}

TEST(PdfTemporaryCertificateRenderer, OnePageThatRendersTheSameEveryTime) {
  PdfTemporaryCertificateRenderer r;
  auto a = r.render(certificate());
  auto b = r.render(certificate());
  ASSERT_TRUE(a.ok()) << a.error().message_en;
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->rfind("%PDF-", 0), 0U);
  EXPECT_EQ(*a, *b) << "re-rendering gives other bytes";
  auto other = certificate();
  other.fields[0].second = "王美鈴";
  EXPECT_NE(*r.render(other), *a);
}

// Chinese renders as glyphs a reader finds again (pdftotext), and the page as an image
// (pdftoppm) is kept among the test's artefacts for a person to look at.
TEST(PdfTemporaryCertificateRenderer, ChineseTextAndAPngToLookAt) {
  PdfTemporaryCertificateRenderer r;
  auto pdf = r.render(certificate());
  ASSERT_TRUE(pdf.ok());
  const fs::path dir = artefacts();
  const fs::path in = dir / "temporary_certificate.pdf";
  std::ofstream(in, std::ios::binary) << *pdf;
  const fs::path txt = dir / ("temporary_certificate-" + std::to_string(::getpid()) + ".txt");
  if (std::system(
          ("pdftotext -enc UTF-8 " + in.string() + " " + txt.string() + " 2>/dev/null").c_str()) !=
      0) {
    GTEST_SKIP() << "poppler-utils not installed";
  }
  std::ifstream f(txt);
  const std::string text((std::istreambuf_iterator<char>(f)), {});
  fs::remove(txt);
  for (const char* s :
       {"臨時身分證明書", "王美玲", "A223456781", "7KQ2-M9XD-4TQA-8ZRW-1C6H", "有效期間"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s;
  }
  const fs::path png = dir / "temporary_certificate";
  ASSERT_EQ(
      std::system(("pdftoppm -png -r 60 -singlefile " + in.string() + " " + png.string()).c_str()),
      0);
  EXPECT_GT(fs::file_size(png.string() + ".png"), 1000U);
}

}  // namespace
}  // namespace huji::render
