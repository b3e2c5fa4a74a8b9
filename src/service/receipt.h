#ifndef HUJI_SERVICE_RECEIPT_H_
#define HUJI_SERVICE_RECEIPT_H_

// A receipt (規費收據) as it prints, and the renderer that turns it into a PDF
// (render/receipt.h). Service code fills a ReceiptPrint; it never draws.

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace huji::service {

struct ReceiptPrintLine {
  std::string name;  // the fee item's name (zh)
  int quantity = 1;
  int64_t amount = 0;  // NT$
  std::string waiver;  // the waiver's name (zh), "" when none
};

struct ReceiptPrint {
  std::string office_name;
  std::string number;      // "115-000001"
  std::string issued_on;   // 民國 date, as printed
  std::string issued_iso;  // YYYY-MM-DD (the PDF's dates, fixed for identical bytes)
  std::vector<ReceiptPrintLine> lines;
  int64_t total = 0;
  std::string method;    // 現金 / 電子票證（悠遊卡） / 轉帳
  int64_t tendered = 0;  // cash only
  int64_t change = 0;
  std::string reference;
  std::string counter;
  std::string clerk;  // display name
  std::string payer_name;
  std::string check_code_grouped;
  std::string qr_text;
};

class ReceiptRenderer {
 public:
  virtual ~ReceiptRenderer() = default;
  // An A4 PDF of the receipt; the same print gives the same bytes.
  virtual core::Result<std::string> render(const ReceiptPrint& receipt) const = 0;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_RECEIPT_H_
