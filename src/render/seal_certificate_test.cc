#include "render/seal_certificate.h"

#include <cairo.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace huji::render {
namespace {

// A red ring as the registered impression.
std::string seal_png() {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 200, 200);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.8, 0.1, 0.1);
  cairo_set_line_width(cr, 12);
  cairo_arc(cr, 100, 100, 80, 0, 6.3);
  cairo_stroke(cr);
  cairo_destroy(cr);
  std::string png;
  cairo_surface_write_to_png_stream(
      s,
      [](void* out, const unsigned char* data, unsigned int n) {
        static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), n);
        return CAIRO_STATUS_SUCCESS;
      },
      &png);
  cairo_surface_destroy(s);
  return png;
}

service::SealCertificateView view() {
  service::SealCertificateView v;
  v.office_name = "臺北市文山區戶政事務所";
  v.fields = {{"姓名", "王美玲"},
              {"國民身分證統一編號", "A223456781"},
              {"出生日期", "民國079年05月01日"},
              {"用途", "不動產登記"},
              {"張數", "2"}};
  v.seal_png = seal_png();
  v.issued_on = "中華民國 115 年 12 月 5 日";
  v.check_code_grouped = "7KQ2-M9XD-4HTA-Z0PB-3WNC";
  v.qr_text = "HJ1:7KQ2M9XD4HTAZ0PB3WNC:seal_certificate:63000080:20261205:abc:def";
  v.sheets = 2;
  return v;
}

// The PDF through poppler-utils: its text (pdftotext), and page 1 as PNG (pdftoppm) kept in
// the build's test artefacts for a look by eye. "" when poppler-utils is missing.
std::string text_and_png(const std::string& pdf) {
  const auto dir = std::filesystem::current_path() / "artefacts";
  std::filesystem::create_directories(dir);
  const auto in = dir / "seal-certificate.pdf";
  const auto out = dir / "seal-certificate.txt";
  std::ofstream(in, std::ios::binary) << pdf;
  const std::string cmd = "pdftotext -enc UTF-8 " + in.string() + " " + out.string() +
                          " 2>/dev/null && pdftoppm -png -r 60 -f 1 -l 1 " + in.string() + " " +
                          (dir / "seal-certificate").string() + " 2>/dev/null";
  std::string text;
  if (std::system(cmd.c_str()) == 0) {
    std::ifstream f(out);
    text.assign(std::istreambuf_iterator<char>(f), {});
  }
  return text;
}

TEST(PdfSealCertificateRenderer, OnePagePerSheetWithFieldsCheckCodeAndStatement) {
  PdfSealCertificateRenderer r;
  auto pdf = r.render(view());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  const std::string text = text_and_png(*pdf);
  if (text.empty()) GTEST_SKIP() << "poppler-utils is not installed";
  for (const char* s :
       {"印鑑證明", "王美玲", "A223456781", "不動產登記", "7KQ2-M9XD-4HTA-Z0PB-3WNC", "特此證明",
        "第 1 張，共 2 張", "第 2 張，共 2 張"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s << " in\n" << text;
  }
  EXPECT_TRUE(std::filesystem::exists("artefacts/seal-certificate-1.png"));
}

TEST(PdfSealCertificateRenderer, ABrokenImageIsAnError) {
  PdfSealCertificateRenderer r;
  auto v = view();
  v.seal_png = "not a png";
  auto pdf = r.render(v);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, "render.failed");
}

}  // namespace
}  // namespace huji::render
