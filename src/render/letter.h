#ifndef HUJI_RENDER_LETTER_H_
#define HUJI_RENDER_LETTER_H_

// The office's letters (service/letter.h) drawn as an A4 PDF with Cairo and Pango in a CJK
// serif font (Noto Serif CJK TC, Debian's fonts-noto-cjk): the office's name, the title, date
// and reference, the addressee, 主旨, numbered 說明, the legal basis, and 第 n 頁，共 m 頁 at the
// foot of each page. A letter too long for one page flows onto the next.
// Thread-safe: render() may be called from several request threads at once.

#include <string>
#include <vector>

#include "service/letter.h"

namespace huji::render {

class PdfLetterRenderer : public service::LetterRenderer {
 public:
  core::Result<std::string> render(const std::vector<service::Letter>& letters) const override;
};

}  // namespace huji::render

#endif  // HUJI_RENDER_LETTER_H_
