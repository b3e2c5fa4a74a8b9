#include "render/seal_certificate.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <string_view>

#include "render/pango_lock.h"
#include "render/qr.h"

namespace huji::render {

namespace {

constexpr double kPageWidth = 595.28;  // A4, points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 64;
constexpr double kSealBox = 150;  // the impression's frame
constexpr double kQrSize = 96;
constexpr const char* kFont = "Noto Serif CJK TC";

core::Error render_failed(const std::string& what) {
  return core::Error::internal("render.failed", "無法產製 PDF：" + what,
                               "cannot render the PDF: " + what);
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct PngReader {
  std::string_view bytes;
  size_t at = 0;
};

cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
  auto* r = static_cast<PngReader*>(closure);
  if (r->bytes.size() - r->at < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, r->bytes.data() + r->at, length);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

// Draws `text` at (x, y) in a box `width` wide; answers its height.
double text(cairo_t* cr, const std::string& s, double x, double y, double width, double size,
            bool bold, PangoAlignment align) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, kFont);
  pango_font_description_set_size(font, static_cast<int>(size * PANGO_SCALE));
  pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
  pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout, align);
  pango_layout_set_text(layout, s.c_str(), -1);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  int w = 0;
  int h = 0;
  pango_layout_get_size(layout, &w, &h);
  g_object_unref(layout);
  return static_cast<double>(h) / PANGO_SCALE;
}

// The impression scaled into the square frame at (x, y).
void draw_seal(cairo_t* cr, cairo_surface_t* seal, double x, double y) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.8);
  cairo_rectangle(cr, x, y, kSealBox, kSealBox);
  cairo_stroke(cr);
  const int w = cairo_image_surface_get_width(seal);
  const int h = cairo_image_surface_get_height(seal);
  const double inner = kSealBox - 12;
  const double f = inner / std::max(w, h);
  cairo_save(cr);
  cairo_translate(cr, x + (kSealBox - w * f) / 2, y + (kSealBox - h * f) / 2);
  cairo_scale(cr, f, f);
  cairo_set_source_surface(cr, seal, 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
}

}  // namespace

core::Result<std::string> PdfSealCertificateRenderer::render(
    const service::SealCertificateView& v) const {
  const std::lock_guard<std::mutex> lock(pango_mutex());
  PngReader reader{v.seal_png};
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> seal(
      cairo_image_surface_create_from_png_stream(&read_png, &reader), cairo_surface_destroy);
  if (cairo_surface_status(seal.get()) != CAIRO_STATUS_SUCCESS) {
    return render_failed("the seal image");
  }
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(&append, &out, kPageWidth, kPageHeight);
  cairo_t* cr = cairo_create(surface);
  const double width = kPageWidth - 2 * kMargin;
  const double label_w = 145;  // 國民身分證統一編號 on one line
  const double fields_w = width - kSealBox - 24;
  core::Status qr_status;
  for (int sheet = 1; sheet <= v.sheets; ++sheet) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    double y = kMargin;
    y += text(cr, "印鑑證明", kMargin, y, width, 26, true, PANGO_ALIGN_CENTER) + 4;
    y += text(cr, v.office_name, kMargin, y, width, 13, false, PANGO_ALIGN_CENTER) + 28;
    const double top = y;
    for (const service::PrintedField& f : v.fields) {
      const double h1 = text(cr, f.key, kMargin, y, label_w - 8, 10.5, true, PANGO_ALIGN_LEFT);
      const double h2 = text(cr, f.value, kMargin + label_w, y, fields_w - label_w, 11.5, false,
                             PANGO_ALIGN_LEFT);
      y += std::max(h1, h2) + 10;
    }
    text(cr, "印鑑", kPageWidth - kMargin - kSealBox, top - 18, kSealBox, 10, true,
         PANGO_ALIGN_CENTER);
    draw_seal(cr, seal.get(), kPageWidth - kMargin - kSealBox, top);
    y = std::max(y, top + kSealBox) + 28;
    y += text(cr, "右列印鑑與本所登記之印鑑相符，特此證明。", kMargin, y, width, 13, false,
              PANGO_ALIGN_LEFT) +
         24;
    y += text(cr, v.office_name, kMargin, y, width, 13, true, PANGO_ALIGN_RIGHT) + 6;
    text(cr, v.issued_on, kMargin, y, width, 12, false, PANGO_ALIGN_RIGHT);

    const double foot = kPageHeight - kMargin - kQrSize;
    text(cr, "檢查碼（網路或離線查驗）", kMargin, foot + 10, width - kQrSize, 10, false,
         PANGO_ALIGN_LEFT);
    text(cr, v.check_code_grouped, kMargin, foot + 28, width - kQrSize, 14, true, PANGO_ALIGN_LEFT);
    text(cr, "第 " + std::to_string(sheet) + " 張，共 " + std::to_string(v.sheets) + " 張", kMargin,
         foot + 60, width - kQrSize, 10, false, PANGO_ALIGN_LEFT);
    const core::Status qr = draw_qr(cr, v.qr_text, kPageWidth - kMargin - kQrSize, foot, kQrSize);
    if (!qr.ok()) qr_status = qr;
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (!qr_status.ok()) return qr_status.error();
  if (status != CAIRO_STATUS_SUCCESS) return render_failed(cairo_status_to_string(status));
  return out;
}

}  // namespace huji::render
