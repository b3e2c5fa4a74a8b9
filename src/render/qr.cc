#include "render/qr.h"

#include <cairo.h>
#include <qrencode.h>

#include <memory>
#include <string>

namespace huji::render {

core::Status draw_qr(cairo_t* cr, std::string_view text, double x, double y, double size) {
  const std::string s(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString8bit(s.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!qr) {
    return core::Error::internal("render.qr", "無法產生 QR 碼", "cannot encode the QR code");
  }
  constexpr int kQuiet = 4;  // modules of white around it (ISO/IEC 18004)
  const int n = qr->width;
  const double module = size / (n + 2 * kQuiet);
  cairo_save(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < n; ++row) {
    for (int col = 0; col < n; ++col) {
      if (qr->data[row * n + col] & 1) {
        cairo_rectangle(cr, x + (kQuiet + col) * module, y + (kQuiet + row) * module, module,
                        module);
      }
    }
  }
  cairo_fill(cr);
  cairo_restore(cr);
  return {};
}

}  // namespace huji::render
