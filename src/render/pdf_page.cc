#include "render/pdf_page.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

namespace huji::render {

namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

PangoAlignment pango_align(Align a) {
  switch (a) {
    case Align::kLeft: return PANGO_ALIGN_LEFT;
    case Align::kCenter: return PANGO_ALIGN_CENTER;
    case Align::kRight: return PANGO_ALIGN_RIGHT;
  }
  return PANGO_ALIGN_LEFT;
}

}  // namespace

void LayoutDeleter::operator()(PangoLayout* l) const { g_object_unref(l); }

Layout make_layout(cairo_t* cr, const std::string& text, double size, bool bold, Align align,
                   double width) {
  Layout layout(pango_cairo_create_layout(cr));
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, kSerifFont);
  pango_font_description_set_size(font, static_cast<int>(size * PANGO_SCALE));
  pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), pango_align(align));
  pango_layout_set_text(layout.get(), text.c_str(), -1);
  return layout;
}

double layout_height(const Layout& layout) {
  int w = 0;
  int h = 0;
  pango_layout_get_size(layout.get(), &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

cairo_surface_t* pdf_surface(std::string* out, const std::string& created) {
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(&append, out, kPageWidth, kPageHeight);
  if (!created.empty()) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   (created + "T00:00:00+08:00").c_str());
  }
  return surface;
}

core::Status finish_pdf(cairo_surface_t* surface) {
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) return render_failed(cairo_status_to_string(status));
  return {};
}

core::Error render_failed(const char* what) {
  return core::Error::internal("render.failed", std::string("無法產製 PDF：") + what,
                               std::string("cannot render the PDF: ") + what);
}

}  // namespace huji::render
