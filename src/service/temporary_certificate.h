#ifndef HUJI_SERVICE_TEMPORARY_CERTIFICATE_H_
#define HUJI_SERVICE_TEMPORARY_CERTIFICATE_H_

// 臨時身分證明書: what the office issues in place of an ID card while card production is down,
// as what it says; a TemporaryCertificateRenderer (render/temporary_certificate.h) draws it as
// an A4 PDF with its check code and QR code (service/document_registry.h).

#include <string>
#include <vector>

#include "core/result.h"

namespace huji::service {

struct TemporaryCertificate {
  std::string office_name;
  std::vector<std::pair<std::string, std::string>> fields;  // label, value, in print order
  std::string issued_on_iso;                                // the PDF's creation date
  std::string check_code;                                   // grouped, as printed
  std::string qr_text;
};

class TemporaryCertificateRenderer {
 public:
  virtual ~TemporaryCertificateRenderer() = default;
  // The bytes of a one-page PDF; the same certificate renders to the same bytes.
  virtual core::Result<std::string> render(const TemporaryCertificate& c) const = 0;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_TEMPORARY_CERTIFICATE_H_
