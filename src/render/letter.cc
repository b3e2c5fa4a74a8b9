#include "render/letter.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <mutex>

#include "render/pango_lock.h"

namespace huji::render {

namespace {

// A4 in PostScript points, and the margins of an official letter.
constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 64;
constexpr double kFooter = 40;  // reserved at the foot for the page number
constexpr double kTextWidth = kPageWidth - 2 * kMargin;
constexpr const char* kFont = "Noto Serif CJK TC";

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

// One paragraph placed on the page: its layout, indent and the space above it.
struct Block {
  Layout layout;
  double indent = 0;
  double space_before = 0;
  double height() const {
    int w = 0;
    int h = 0;
    pango_layout_get_size(layout.get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
};

Layout make_layout(cairo_t* cr, const std::string& text, double size, bool bold,
                   PangoAlignment align, double width) {
  Layout layout(pango_cairo_create_layout(cr));
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, kFont);
  pango_font_description_set_size(font, static_cast<int>(size * PANGO_SCALE));
  pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), align);
  pango_layout_set_text(layout.get(), text.c_str(), -1);
  return layout;
}

// The letter's paragraphs, top to bottom.
std::vector<Block> blocks_of(cairo_t* cr, const service::Letter& l) {
  std::vector<Block> out;
  auto add = [&](const std::string& text, double size, bool bold, PangoAlignment align,
                 double indent, double space_before) {
    out.push_back(
        {make_layout(cr, text, size, bold, align, kTextWidth - indent), indent, space_before});
  };
  add(l.office_name, 18, true, PANGO_ALIGN_CENTER, 0, 0);
  add(l.title, 22, true, PANGO_ALIGN_CENTER, 0, 6);
  add("地址：" + l.office_address, 10, false, PANGO_ALIGN_RIGHT, 0, 10);
  add("發文日期：" + l.date, 10, false, PANGO_ALIGN_RIGHT, 0, 2);
  add("發文字號：" + l.reference, 10, false, PANGO_ALIGN_RIGHT, 0, 2);
  add("受文者：" + l.addressee_name, 12, false, PANGO_ALIGN_LEFT, 0, 14);
  add("送達地址：" +
          (l.addressee_address.empty() ? std::string("（戶籍地）") : l.addressee_address),
      12, false, PANGO_ALIGN_LEFT, 0, 2);
  add("主旨：" + l.subject, 12, false, PANGO_ALIGN_LEFT, 0, 16);
  if (!l.explanation.empty()) add("說明：", 12, false, PANGO_ALIGN_LEFT, 0, 10);
  static const char* const kNumbers[] = {"一", "二", "三", "四", "五",
                                         "六", "七", "八", "九", "十"};
  for (size_t i = 0; i < l.explanation.size(); ++i) {
    const std::string n = i < 10 ? kNumbers[i] : std::to_string(i + 1);
    add(n + "、" + l.explanation[i], 12, false, PANGO_ALIGN_LEFT, 24, 4);
  }
  add("法令依據：" + l.legal_basis, 10.5, false, PANGO_ALIGN_LEFT, 0, 16);
  add(l.office_name, 14, true, PANGO_ALIGN_RIGHT, 0, 28);
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

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

core::Error render_failed(const char* what) {
  return core::Error::internal("render.failed", std::string("無法產製 PDF：") + what,
                               std::string("cannot render the PDF: ") + what);
}

}  // namespace

core::Result<std::string> PdfLetterRenderer::render(
    const std::vector<service::Letter>& letters) const {
  if (letters.empty()) return render_failed("no letters");
  std::lock_guard lock(pango_mutex());
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(&append, &out, kPageWidth, kPageHeight);
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
          false, PANGO_ALIGN_CENTER, kTextWidth);
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
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) return render_failed(cairo_status_to_string(status));
  return out;
}

}  // namespace huji::render
