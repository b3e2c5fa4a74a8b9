#include "render/transcript.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace huji::render {
namespace {

namespace fs = std::filesystem;

domain::TranscriptPerson person(const std::string& id, const std::string& name,
                                const std::string& relation, int entries) {
  domain::TranscriptPerson p;
  p.id_number = id;
  p.name = name;
  p.relation = relation;
  p.sex = "男";
  p.birth_date = *core::Date::parse_iso("1985-05-12");
  p.birth_date_text = "民國74年05月12日";
  p.father = "王老先生";
  p.mother = "李秀英";
  p.spouse = "陳美玲";
  p.birth_place = "臺北市";
  p.birth_order = "長男";
  for (int i = 0; i < entries; ++i) {
    p.entries.emplace_back("民國113年05月01日由臺北市大安區遷入 113年05月03日登記");
  }
  return p;
}

domain::Transcript transcript(int persons, int entries_each) {
  domain::Transcript t;
  t.title = "戶籍謄本（現戶全部）詳細記事";
  t.household_no = "F0000001";
  t.household_kind = "共同生活戶";
  t.address = "臺北市文山區萬芳里1鄰萬芳路1號";
  t.head_name = "王大明";
  t.head_id = "A123456789";
  t.household_entries = {"民國69年01月01日設立本戶 69年01月03日登記"};
  for (int i = 0; i < persons; ++i) {
    t.persons.push_back(person(i == 0 ? "A123456789" : "A10000000" + std::to_string(i),
                               i == 0 ? "王大明" : "王小明", i == 0 ? "戶長" : "長子",
                               entries_each));
  }
  t.office_code = "63000080";
  t.office_name = "臺北市文山區戶政事務所";
  t.issued_on = *core::Date::parse_iso("2026-12-05");
  t.issued_on_text = "民國115年12月05日";
  return t;
}

fs::path artefacts() {
  fs::path dir = fs::path(HUJI_TEST_ARTEFACTS) / "transcript";
  fs::create_directories(dir);
  return dir;
}

// The text without blanks: pdftotext drops the spaces between CJK characters.
std::string squeezed(std::string text) {
  std::erase_if(text, [](char c) { return c == ' ' || c == '\n'; });
  return text;
}

// Runs `cmd`; its standard output ("" when it failed or the tool is missing).
std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  return ::pclose(p) == 0 ? out : std::string();
}

fs::path write_pdf(const std::string& pdf, const std::string& name) {
  fs::path path = artefacts() / (name + ".pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  return path;
}

// The share of dark pixels on page 1 rendered at 50 dpi in grey (a PGM read here); the PNG
// of the page is kept beside it for a look by eye.
double dark_share(const fs::path& pdf) {
  const fs::path base = pdf.parent_path() / pdf.stem();
  if (run("pdftoppm -r 80 -png -f 1 -l 1 -singlefile " + pdf.string() + " " + base.string() +
          " && echo ok")
          .empty()) {
    return -1;
  }
  const std::string pgm = run("pdftoppm -r 50 -gray -f 1 -l 1 -singlefile " + pdf.string());
  std::istringstream in(pgm);
  std::string magic;
  int w = 0;
  int h = 0;
  int max = 0;
  in >> magic >> w >> h >> max;
  in.get();
  if (magic != "P5" || w <= 0 || h <= 0) return -1;
  std::string pixels(static_cast<size_t>(w) * static_cast<size_t>(h), '\0');
  in.read(pixels.data(), static_cast<std::streamsize>(pixels.size()));
  size_t dark = 0;
  for (char c : pixels) dark += static_cast<unsigned char>(c) < 128 ? 1 : 0;
  return static_cast<double>(dark) / static_cast<double>(pixels.size());
}

TEST(PdfTranscriptRenderer, OnePageWithTheTextInChineseAndNotBlank) {
  auto r = PdfTranscriptRenderer().render(transcript(3, 2), "7KQ2-M9XD-AB12-CD34-EF56", "");
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_EQ(r->pdf.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(r->sheets, 1);
  const fs::path pdf = write_pdf(r->pdf, "current_zh");
  const std::string text = run("pdftotext -enc UTF-8 " + pdf.string() + " -");
  if (text.empty()) GTEST_SKIP() << "poppler-utils is not installed";
  for (const char* s : {"戶籍謄本（現戶全部）詳細記事", "F0000001", "王大明", "A123456789", "戶長",
                        "民國74年05月12日", "臺北市文山區戶政事務所", "第1頁共1頁",
                        "7KQ2-M9XD-AB12-CD34-EF56", "由臺北市大安區遷入", "出生別", "長男"}) {
    EXPECT_NE(squeezed(text).find(s), std::string::npos) << s;
  }
  const double share = dark_share(pdf);
  ASSERT_GE(share, 0) << "pdftoppm failed";
  // Text and table rules: well above a blank page, well below a filled one.
  EXPECT_GT(share, 0.01);
  EXPECT_LT(share, 0.5);
  EXPECT_TRUE(fs::exists(pdf.parent_path() / "current_zh.png"));
}

TEST(PdfTranscriptRenderer, ManyEntriesFlowOntoNumberedPages) {
  auto r = PdfTranscriptRenderer().render(transcript(4, 25), "", "");
  ASSERT_TRUE(r.ok());
  EXPECT_GE(r->sheets, 2);
  const fs::path pdf = write_pdf(r->pdf, "long_zh");
  const std::string text = run("pdftotext -enc UTF-8 " + pdf.string() + " -");
  if (text.empty()) GTEST_SKIP() << "poppler-utils is not installed";
  const std::string total = std::to_string(r->sheets);
  EXPECT_NE(squeezed(text).find("第2頁共" + total + "頁"), std::string::npos);
  EXPECT_EQ(run("pdfinfo " + pdf.string() + " | grep '^Pages:' | tr -s ' ' | cut -d' ' -f2"),
            total + "\n");
}

TEST(PdfTranscriptRenderer, EnglishHeadingsAndPageNumbers) {
  domain::Transcript t = transcript(1, 1);
  t.options.language = domain::TranscriptLanguage::kEn;
  t.title = "Household Registration Transcript (current household, all members, full entries)";
  auto r = PdfTranscriptRenderer().render(t, "", "");
  ASSERT_TRUE(r.ok());
  const fs::path pdf = write_pdf(r->pdf, "current_en");
  const std::string text = run("pdftotext -enc UTF-8 " + pdf.string() + " -");
  if (text.empty()) GTEST_SKIP() << "poppler-utils is not installed";
  for (const char* s : {"Household Registration Transcript", "Page 1 of 1", "ID No.",
                        "Issuing office", "A123456789"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s;
  }
}

TEST(PdfTranscriptRenderer, TheQrCodeIsDrawnAtTheFoot) {
  const auto t = transcript(1, 1);
  auto plain = PdfTranscriptRenderer().render(t, "CODE", "");
  auto stamped = PdfTranscriptRenderer().render(t, "CODE", "HJ1:0123456789ABCDEFGHJK:transcript");
  ASSERT_TRUE(plain.ok() && stamped.ok());
  EXPECT_EQ(stamped->sheets, plain->sheets);
  const double without = dark_share(write_pdf(plain->pdf, "qr_without"));
  const double with = dark_share(write_pdf(stamped->pdf, "qr_with"));
  if (without < 0) GTEST_SKIP() << "poppler-utils is not installed";
  EXPECT_GT(with, without + 0.002);
}

TEST(PdfTranscriptRenderer, RenderingAgainGivesTheSameBytes) {
  const auto t = transcript(2, 3);
  auto a = PdfTranscriptRenderer().render(t, "CODE", "");
  auto b = PdfTranscriptRenderer().render(t, "CODE", "");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->pdf, b->pdf);
}

}  // namespace
}  // namespace huji::render
