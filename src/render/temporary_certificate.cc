#include "render/temporary_certificate.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include "render/pango_lock.h"
#include "render/pdf_page.h"
#include "render/qr.h"

namespace huji::render {

namespace {

constexpr double kMargin = 64;
constexpr double kTextWidth = kPageWidth - 2 * kMargin;
constexpr double kLabelWidth = 120;
constexpr double kQrSize = 132;

void show(cairo_t* cr, const Layout& layout, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
}

}  // namespace

core::Result<std::string> PdfTemporaryCertificateRenderer::render(
    const service::TemporaryCertificate& c) const {
  std::lock_guard lock(pango_mutex());
  std::string out;
  cairo_surface_t* surface = pdf_surface(&out, c.issued_on_iso);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  double y = kMargin;
  auto line = [&](const std::string& text, double size, bool bold, Align align, double space) {
    Layout l = make_layout(cr, text, size, bold, align, kTextWidth);
    show(cr, l, kMargin, y + space);
    y += space + layout_height(l);
  };
  line(c.office_name, 18, true, Align::kCenter, 0);
  line("臨時身分證明書", 24, true, Align::kCenter, 8);
  line("Temporary Identity Certificate", 11, false, Align::kCenter, 2);
  y += 24;
  cairo_set_line_width(cr, 0.8);
  for (const auto& [label, value] : c.fields) {
    Layout l = make_layout(cr, label, 12, true, Align::kLeft, kLabelWidth - 12);
    Layout v = make_layout(cr, value, 12, false, Align::kLeft, kTextWidth - kLabelWidth - 12);
    const double h = std::max(layout_height(l), layout_height(v)) + 12;
    cairo_rectangle(cr, kMargin, y, kLabelWidth, h);
    cairo_rectangle(cr, kMargin + kLabelWidth, y, kTextWidth - kLabelWidth, h);
    cairo_stroke(cr);
    show(cr, l, kMargin + 6, y + 6);
    show(cr, v, kMargin + kLabelWidth + 6, y + 6);
    y += h;
  }
  y += 18;
  line(
      "本證明書僅於有效期間內，代替國民身分證證明持有人之身分；逾期失效。"
      "真偽可掃描右下 QR 碼，或於本所驗證網頁輸入檢查碼查驗。",
      10.5, false, Align::kLeft, 0);
  const double qr_y = kPageHeight - kMargin - kQrSize - 20;
  HUJI_TRY(draw_qr(cr, c.qr_text, kPageWidth - kMargin - kQrSize, qr_y, kQrSize));
  Layout code = make_layout(cr, "檢查碼 " + c.check_code, 11, false, Align::kRight, kTextWidth);
  show(cr, code, kMargin, qr_y + kQrSize + 4);
  Layout seal =
      make_layout(cr, c.office_name + "（戳記）", 13, true, Align::kLeft, kTextWidth - kQrSize);
  show(cr, seal, kMargin, qr_y + kQrSize / 2);
  cairo_show_page(cr);
  cairo_destroy(cr);
  HUJI_TRY(finish_pdf(surface));
  return out;
}

}  // namespace huji::render
