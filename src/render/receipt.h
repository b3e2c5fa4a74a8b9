#ifndef HUJI_RENDER_RECEIPT_H_
#define HUJI_RENDER_RECEIPT_H_

// The receipt (規費收據) drawn as an A4 PDF with Cairo and Pango (Noto Sans/Serif CJK TC): the
// office, the receipt number and date, the payer, a table of the items (name, quantity,
// amount, waiver), the total, how it was paid (method, tendered and change, reference), the
// counter and the clerk, and at the foot the check code with the signed QR code
// (service/document_registry.h). Deterministic: the same print gives the same bytes.
// Thread-safe: render() may be called from several request threads at once.

#include <string>

#include "service/receipt.h"

namespace huji::render {

class PdfReceiptRenderer : public service::ReceiptRenderer {
 public:
  core::Result<std::string> render(const service::ReceiptPrint& receipt) const override;
};

}  // namespace huji::render

#endif  // HUJI_RENDER_RECEIPT_H_
