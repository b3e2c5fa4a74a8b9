#ifndef HUJI_RENDER_QR_H_
#define HUJI_RENDER_QR_H_

// QR codes (libqrencode) drawn into a Cairo context: the verification code on every issued
// document (service/document_registry.h), error correction level M, with its quiet zone.

#include <cairo.h>

#include <string_view>

#include "core/result.h"

namespace huji::render {

// Draws `text` as a QR code filling the square at (x, y) with side `size` (user units),
// quiet zone included. render.qr when the text does not fit a QR code (over ~2 KB).
core::Status draw_qr(cairo_t* cr, std::string_view text, double x, double y, double size);

}  // namespace huji::render

#endif  // HUJI_RENDER_QR_H_
