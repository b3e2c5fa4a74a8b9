#include "render/letter.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace huji::render {
namespace {

service::Letter letter(const std::string& name) {
  service::Letter l;
  l.office_name = "臺北市文山區戶政事務所";
  l.office_address = "臺北市文山區木柵路三段220號";
  l.title = "催告書";
  l.reference = "催字第 7 號";
  l.date = "民國115年03月02日";
  l.addressee_name = name + "（母）";
  l.addressee_address = "臺北市文山區萬芳里1鄰萬芳路1號";
  l.subject =
      "臺端應為" + name + "所生子女之出生登記，逾法定期間未申請，請於民國115年03月09日前申請。";
  l.explanation = {"依戶籍法第48條第3項規定催告。", "逾期仍不申請者，依戶籍法第79條處罰。"};
  l.legal_basis = "戶籍法第48條第3項、第48條之2、第79條；行政程序法第48條";
  return l;
}

int page_count(const std::string& pdf) {
  int n = 0;
  for (size_t at = pdf.find("/Type /Page"); at != std::string::npos;
       at = pdf.find("/Type /Page", at + 1)) {
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++n;
  }
  return n;
}

// The PDF's text as poppler-utils' pdftotext reads it ("" when pdftotext is not installed).
std::string text_of(const std::string& pdf) {
  const auto dir = std::filesystem::temp_directory_path();
  const auto in = dir / ("huji-letter-" + std::to_string(::getpid()) + ".pdf");
  const auto out = dir / ("huji-letter-" + std::to_string(::getpid()) + ".txt");
  std::ofstream(in, std::ios::binary) << pdf;
  const std::string cmd =
      "pdftotext -enc UTF-8 " + in.string() + " " + out.string() + " 2>/dev/null";
  std::string text;
  if (std::system(cmd.c_str()) == 0) {
    std::ifstream f(out);
    text.assign(std::istreambuf_iterator<char>(f), {});
  }
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  return text;
}

TEST(PdfLetterRenderer, OnePageNumberedPerAddresseeWithTheTextInIt) {
  PdfLetterRenderer r;
  auto pdf = r.render({letter("王美玲"), letter("陳志明")});
  ASSERT_TRUE(pdf.ok()) << pdf.error().message_en;
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  EXPECT_EQ(page_count(*pdf), 2);
  const std::string text = text_of(*pdf);
  if (text.empty()) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  for (const char* s : {"臺北市文山區戶政事務所", "催告書", "王美玲", "陳志明", "戶籍法第48條第3項",
                        "民國115年03月09日", "第 1 頁，共 2 頁", "第 2 頁，共 2 頁"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s;
  }
}

TEST(PdfLetterRenderer, ALongLetterFlowsOntoAnotherPage) {
  service::Letter l = letter("王美玲");
  for (int i = 0; i < 40; ++i)
    l.explanation.push_back("逐項說明之事實與理由，第 " + std::to_string(i) + " 項。");
  auto pdf = PdfLetterRenderer().render({l});
  ASSERT_TRUE(pdf.ok());
  EXPECT_GE(page_count(*pdf), 2);
}

TEST(PdfLetterRenderer, NothingToRenderIsAnError) {
  EXPECT_FALSE(PdfLetterRenderer().render({}).ok());
}

}  // namespace
}  // namespace huji::render
