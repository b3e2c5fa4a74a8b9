#ifndef HUJI_RENDER_SEAL_CERTIFICATE_H_
#define HUJI_RENDER_SEAL_CERTIFICATE_H_

// The seal certificate (印鑑證明, service/seal_certificate.h) as an A4 PDF, one page per sheet:
// the title, the person's printed fields, the registered impression in its frame, the
// statement of the office, the date, and on every page the check code and the QR code a
// verifier reads (service/document_registry.h). Cairo + Pango, Noto Serif CJK TC, as the
// letters (render/letter.h). Thread-safe.

#include <string>

#include "service/seal_certificate.h"

namespace huji::render {

class PdfSealCertificateRenderer : public service::SealCertificateRenderer {
 public:
  core::Result<std::string> render(const service::SealCertificateView& view) const override;
};

}  // namespace huji::render

#endif  // HUJI_RENDER_SEAL_CERTIFICATE_H_
