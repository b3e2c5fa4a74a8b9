#include "render/qr.h"

#include <cairo.h>
#include <gtest/gtest.h>

#include <string>

namespace huji::render {
namespace {

// The colour of the pixel at (x, y) of an RGB24 surface: true when dark.
bool dark(cairo_surface_t* s, int x, int y) {
  const unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  const auto pixel = *reinterpret_cast<const uint32_t*>(data + static_cast<ptrdiff_t>(y) * stride +
                                                        static_cast<ptrdiff_t>(x) * 4);
  return (pixel & 0xffu) < 128;
}

TEST(QrTest, DrawsFinderPatternsInsideAQuietZone) {
  // A document's QR text (about 240 characters).
  const std::string text =
      "HJ1:7KQ2M9XDAB3C4E5F6G7H:transcript:63000010:20261205:" + std::string(64, 'a') + ":" +
      std::string(86, 'S');
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 570, 570);
  cairo_t* cr = cairo_create(s);
  ASSERT_TRUE(draw_qr(cr, text, 0, 0, 570).ok());
  cairo_surface_flush(s);
  // The quiet zone is white; the first dark pixel on the diagonal is a finder pattern's
  // corner, and the two other finder patterns sit at the same distance from their corners.
  int d = 0;
  while (d < 285 && !dark(s, d, d)) ++d;
  EXPECT_GT(d, 20);  // four modules of at least 5 px
  EXPECT_LT(d, 285);
  EXPECT_TRUE(dark(s, 569 - d, d + 1));
  EXPECT_TRUE(dark(s, d + 1, 569 - d));
  EXPECT_FALSE(dark(s, 569 - d + 2, 569 - d + 2));  // no finder bottom-right: quiet zone there
  cairo_destroy(cr);
  cairo_surface_destroy(s);
}

TEST(QrTest, TextTooLongForAQrCodeIsAnError) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 100, 100);
  cairo_t* cr = cairo_create(s);
  EXPECT_EQ(draw_qr(cr, std::string(5000, 'x'), 0, 0, 100).error().code, "render.qr");
  cairo_destroy(cr);
  cairo_surface_destroy(s);
}

}  // namespace
}  // namespace huji::render
