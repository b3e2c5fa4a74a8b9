#ifndef HUJI_SERVICE_SEAL_CERTIFICATE_H_
#define HUJI_SERVICE_SEAL_CERTIFICATE_H_

// What a seal certificate (印鑑證明) prints, and the renderer the seal service draws it with
// (render/seal_certificate.h implements it with Cairo and Pango).

#include <string>
#include <vector>

#include "core/result.h"
#include "service/document_registry.h"

namespace huji::service {

struct SealCertificateView {
  std::string office_name;
  std::vector<PrintedField> fields;  // 姓名, 統一編號, 出生日期, 住址, 用途, … in print order
  std::string seal_png;              // the registered impression
  std::string issued_on;             // 中華民國 115 年 12 月 5 日
  std::string check_code_grouped;
  std::string qr_text;
  int sheets = 1;  // one page per sheet, each numbered
};

class SealCertificateRenderer {
 public:
  virtual ~SealCertificateRenderer() = default;
  // The certificate as a PDF of `sheets` A4 pages.
  virtual core::Result<std::string> render(const SealCertificateView& view) const = 0;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_SEAL_CERTIFICATE_H_
