#include "render/letter.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include "render/pdf_page.h"

#include "render/pango_lock.h"

namespace huji::render {

namespace {

// The margins of an official letter.
constexpr double kMargin = 64;
constexpr double kFooter = 40;  // reserved at the foot for the page number
constexpr double kTextWidth = kPageWidth - 2 * kMargin;

// One paragraph placed on the page: its layout, indent and the space above it.
struct Block {
  Layout layout;
  double indent = 0;
  double space_before = 0;
  double height() const { return layout_height(layout); }
};

// The letter's paragraphs, top to bottom.
std::vector<Block> blocks_of(cairo_t* cr, const service::Letter& l) {
  std::vector<Block> out;
  auto add = [&](const std::string& text, double size, bool bold, Align align, double indent,
                 double space_before) {
    out.push_back(
        {make_layout(cr, text, size, bold, align, kTextWidth - indent), indent, space_before});
  };
  add(l.office_name, 18, true, Align::kCenter, 0, 0);
  add(l.title, 22, true, Align::kCenter, 0, 6);
  add("地址：" + l.office_address, 10, false, Align::kRight, 0, 10);
  add("發文日期：" + l.date, 10, false, Align::kRight, 0, 2);
  add("發文字號：" + l.reference, 10, false, Align::kRight, 0, 2);
  add("受文者：" + l.addressee_name, 12, false, Align::kLeft, 0, 14);
  add("送達地址：" +
          (l.addressee_address.empty() ? std::string("（戶籍地）") : l.addressee_address),
      12, false, Align::kLeft, 0, 2);
  add("主旨：" + l.subject, 12, false, Align::kLeft, 0, 16);
  if (!l.explanation.empty()) add("說明：", 12, false, Align::kLeft, 0, 10);
  static const char* const kNumbers[] = {"一", "二", "三", "四", "五",
                                         "六", "七", "八", "九", "十"};
  for (size_t i = 0; i < l.explanation.size(); ++i) {
    const std::string n = i < 10 ? kNumbers[i] : std::to_string(i + 1);
    add(n + "、" + l.explanation[i], 12, false, Align::kLeft, 24, 4);
  }
  add("法令依據：" + l.legal_basis, 10.5, false, Align::kLeft, 0, 16);
  add(l.office_name, 14, true, Align::kRight, 0, 28);
  return out;
}

// The page (counted from 0 within its letter) each block starts on.
std::vector<int> paginate(const std::vector<Block>& blocks, int* pages) {
  std::vector<int> page_of;
  double y = kMargin;
  int page = 0;
  for (const auto& b : blocks) {
    const double h = b.height();
    if (y + b.space_before + h > kPageHeight - kMargin - kFooter && y > kMargin) {
      ++page;
      y = kMargin;
    } else {
      y += b.space_before;
    }
    page_of.push_back(page);
    y += h;
  }
  *pages = page + 1;
  return page_of;
}

}  // namespace

core::Result<std::string> PdfLetterRenderer::render(
    const std::vector<service::Letter>& letters) const {
  if (letters.empty()) return render_failed("no letters");
  std::lock_guard lock(pango_mutex());
  std::string out;
  cairo_surface_t* surface = pdf_surface(&out, "");
  cairo_t* cr = cairo_create(surface);

  std::vector<std::vector<Block>> all;
  std::vector<std::vector<int>> pages_of;
  int total = 0;
  for (const auto& l : letters) {
    all.push_back(blocks_of(cr, l));
    int n = 0;
    pages_of.push_back(paginate(all.back(), &n));
    total += n;
  }
  int page_no = 0;
  for (size_t li = 0; li < all.size(); ++li) {
    int current = -1;
    double y = kMargin;
    auto finish_page = [&] {
      Layout footer = make_layout(
          cr, "第 " + std::to_string(page_no) + " 頁，共 " + std::to_string(total) + " 頁", 9,
          false, Align::kCenter, kTextWidth);
      cairo_move_to(cr, kMargin, kPageHeight - kMargin);
      pango_cairo_show_layout(cr, footer.get());
      cairo_show_page(cr);
    };
    for (size_t bi = 0; bi < all[li].size(); ++bi) {
      const Block& b = all[li][bi];
      if (pages_of[li][bi] != current) {
        if (current >= 0) finish_page();
        current = pages_of[li][bi];
        ++page_no;
        y = kMargin;
      } else {
        y += b.space_before;
      }
      cairo_set_source_rgb(cr, 0, 0, 0);
      cairo_move_to(cr, kMargin + b.indent, y);
      pango_cairo_show_layout(cr, b.layout.get());
      y += b.height();
    }
    finish_page();
  }
  all.clear();
  cairo_destroy(cr);
  HUJI_TRY(finish_pdf(surface));
  return out;
}

}  // namespace huji::render
