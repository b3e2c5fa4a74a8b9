#include "render/receipt.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <mutex>

#include "render/pango_lock.h"
#include "render/qr.h"

namespace huji::render {

namespace {

constexpr double kPageWidth = 595.28;  // A4 in PostScript points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56;
constexpr double kWidth = kPageWidth - 2 * kMargin;
constexpr double kQrSize = 96;
constexpr const char* kSerif = "Noto Serif CJK TC";
constexpr const char* kSans = "Noto Sans CJK TC";

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

// Draws `text` at (x, y) within `width`; returns its height.
double text_at(cairo_t* cr, const std::string& text, const char* family, double size, bool bold,
               double x, double y, double width, PangoAlignment align = PANGO_ALIGN_LEFT) {
  Layout l(pango_cairo_create_layout(cr));
  PangoFontDescription* f = pango_font_description_new();
  pango_font_description_set_family(f, family);
  pango_font_description_set_size(f, static_cast<int>(size * PANGO_SCALE));
  pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(l.get(), f);
  pango_font_description_free(f);
  pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(l.get(), align);
  pango_layout_set_text(l.get(), text.c_str(), -1);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, l.get());
  int w = 0;
  int h = 0;
  pango_layout_get_size(l.get(), &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

void rule(cairo_t* cr, double y, double width = 0.8) {
  cairo_set_line_width(cr, width);
  cairo_move_to(cr, kMargin, y);
  cairo_line_to(cr, kMargin + kWidth, y);
  cairo_stroke(cr);
}

std::string nt(int64_t amount) { return "NT$ " + std::to_string(amount); }

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

core::Status draw(cairo_t* cr, const service::ReceiptPrint& r) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  double y = kMargin;
  y += text_at(cr, r.office_name, kSerif, 16, true, kMargin, y, kWidth, PANGO_ALIGN_CENTER);
  y += 4 + text_at(cr, "規費收據  Receipt", kSerif, 20, true, kMargin, y + 4, kWidth,
                   PANGO_ALIGN_CENTER);
  y += 14;
  const double half = kWidth / 2;
  text_at(cr, "收據號碼 No.  " + r.number, kSans, 11, true, kMargin, y, half);
  y += text_at(cr, "日期 Date  " + r.issued_on, kSans, 11, false, kMargin + half, y, half,
               PANGO_ALIGN_RIGHT);
  if (!r.payer_name.empty()) {
    y += 4 + text_at(cr, "繳款人 Payer  " + r.payer_name, kSans, 11, false, kMargin, y + 4, kWidth);
  }
  y += 10;
  rule(cr, y, 1.2);
  y += 6;
  // The items: name (with its waiver), quantity, amount.
  const double qty_x = kMargin + kWidth * 0.62;
  const double amount_x = kMargin + kWidth * 0.74;
  const double amount_w = kWidth * 0.26;
  text_at(cr, "項目 Item", kSans, 10, true, kMargin, y, kWidth * 0.6);
  text_at(cr, "數量 Qty", kSans, 10, true, qty_x, y, kWidth * 0.12);
  y += text_at(cr, "金額 Amount", kSans, 10, true, amount_x, y, amount_w, PANGO_ALIGN_RIGHT);
  y += 4;
  rule(cr, y, 0.5);
  y += 6;
  for (const auto& l : r.lines) {
    double h = text_at(cr, l.name + (l.waiver.empty() ? "" : "\n免收：" + l.waiver), kSans, 10.5,
                       false, kMargin, y, kWidth * 0.6);
    text_at(cr, std::to_string(l.quantity), kSans, 10.5, false, qty_x, y, kWidth * 0.12);
    text_at(cr, nt(l.amount), kSans, 10.5, false, amount_x, y, amount_w, PANGO_ALIGN_RIGHT);
    y += h + 6;
  }
  rule(cr, y, 0.5);
  y += 6;
  text_at(cr, "合計 Total", kSans, 12, true, kMargin, y, kWidth * 0.6);
  y += text_at(cr, nt(r.total), kSans, 12, true, amount_x, y, amount_w, PANGO_ALIGN_RIGHT);
  y += 14;
  std::string paid = "繳費方式 Method  " + r.method;
  if (r.tendered > 0)
    paid += "\n收受 Tendered  " + nt(r.tendered) + "    找零 Change  " + nt(r.change);
  if (!r.reference.empty()) paid += "\n參考號碼 Reference  " + r.reference;
  y += text_at(cr, paid, kSans, 10.5, false, kMargin, y, kWidth);
  y += 8;
  y += text_at(cr, "櫃檯 Counter  " + r.counter + "    經收人 Clerk  " + r.clerk, kSans, 10.5,
               false, kMargin, y, kWidth);
  // The foot: the check code and its QR code, to verify the receipt online or offline.
  const double foot = kPageHeight - kMargin - kQrSize;
  rule(cr, foot - 10, 0.5);
  text_at(cr,
          "檢查碼 Check code\n" + r.check_code_grouped +
              "\n\n本收據可憑檢查碼或 QR 碼於本所網站驗證。\n"
              "Verify this receipt with its check code or QR code.",
          kSans, 9.5, false, kMargin, foot, kWidth - kQrSize - 12);
  return draw_qr(cr, r.qr_text, kMargin + kWidth - kQrSize, foot, kQrSize);
}

}  // namespace

core::Result<std::string> PdfReceiptRenderer::render(const service::ReceiptPrint& r) const {
  std::lock_guard lock(pango_mutex());  // one Pango drawing at a time, process-wide
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(&append, &out, kPageWidth, kPageHeight);
  // Fixed metadata: the same receipt renders to the same bytes.
  const std::string date = r.issued_iso + "T00:00:00+08:00";
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                 ("規費收據 " + r.number).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "huji");
  cairo_t* cr = cairo_create(surface);
  const core::Status drawn = draw(cr, r);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (!drawn.ok()) return drawn.error();
  if (status != CAIRO_STATUS_SUCCESS) {
    return core::Error::internal(
        "render.failed", std::string("無法產製收據 PDF：") + cairo_status_to_string(status),
        std::string("cannot render the receipt: ") + cairo_status_to_string(status));
  }
  return out;
}

}  // namespace huji::render
