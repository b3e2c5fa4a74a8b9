#ifndef HUJI_RENDER_PDF_PAGE_H_
#define HUJI_RENDER_PDF_PAGE_H_

// What every PDF the office prints shares: A4 in points, text laid out by Pango in the CJK
// serif (Noto Serif CJK TC), and a PDF surface written into a string. Renderers draw under
// render/pango_lock.h's one lock.

#include <cairo.h>
#include <pango/pango-layout.h>

#include <memory>
#include <string>

#include "core/result.h"

namespace huji::render {

inline constexpr double kPageWidth = 595.28;  // A4, PostScript points
inline constexpr double kPageHeight = 841.89;
inline constexpr const char* kSerifFont = "Noto Serif CJK TC";

struct LayoutDeleter {
  void operator()(PangoLayout* l) const;
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

enum class Align { kLeft, kCenter, kRight };

// `text` in kSerifFont at `size` points, wrapped to `width` points.
Layout make_layout(cairo_t* cr, const std::string& text, double size, bool bold, Align align,
                   double width);
double layout_height(const Layout& layout);  // points

// An A4 PDF surface whose bytes go to `out`; `created` (ISO date) is written as its creation
// date, so that the same document renders to the same bytes.
cairo_surface_t* pdf_surface(std::string* out, const std::string& created);
// Finishes and destroys the surface: render.failed when Cairo reported an error.
core::Status finish_pdf(cairo_surface_t* surface);

core::Error render_failed(const char* what);

}  // namespace huji::render

#endif  // HUJI_RENDER_PDF_PAGE_H_
