#ifndef HUJI_SERVICE_LETTER_H_
#define HUJI_SERVICE_LETTER_H_

// The letters the office sends (催告書, 裁處書) as what they say, not how they look: the use
// cases fill Letters and hand them to a LetterRenderer, which the program wires in
// (render/letter.h draws them as an A4 PDF). One Letter is one addressee's page.

#include <string>
#include <vector>

#include "core/result.h"

namespace huji::service {

struct Letter {
  std::string office_name;     // 臺北市文山區戶政事務所
  std::string office_address;  // its door plate
  std::string title;           // 催告書, 罰鍰處分書
  std::string reference;       // 文號: 催字第 12 號
  std::string date;            // 中華民國115年03月02日
  std::string addressee_name;
  std::string addressee_address;
  std::string subject;                   // 主旨
  std::vector<std::string> explanation;  // 說明, one numbered item each
  std::string legal_basis;               // 法令依據, cited in full
};

class LetterRenderer {
 public:
  virtual ~LetterRenderer() = default;
  // The letters as one document, each on its own page, pages numbered; the bytes of a PDF.
  virtual core::Result<std::string> render(const std::vector<Letter>& letters) const = 0;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_LETTER_H_
