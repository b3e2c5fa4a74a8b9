#ifndef HUJI_RENDER_TEMPORARY_CERTIFICATE_H_
#define HUJI_RENDER_TEMPORARY_CERTIFICATE_H_

// 臨時身分證明書 (service/temporary_certificate.h) as an A4 PDF: the office, the title, a table
// of the printed fields, the check code and the QR code to verify it, and the notice of its
// limited validity. Thread-safe.

#include "service/temporary_certificate.h"

namespace huji::render {

class PdfTemporaryCertificateRenderer : public service::TemporaryCertificateRenderer {
 public:
  core::Result<std::string> render(const service::TemporaryCertificate& c) const override;
};

}  // namespace huji::render

#endif  // HUJI_RENDER_TEMPORARY_CERTIFICATE_H_
