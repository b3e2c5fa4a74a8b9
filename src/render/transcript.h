#ifndef HUJI_RENDER_TRANSCRIPT_H_
#define HUJI_RENDER_TRANSCRIPT_H_

// A household transcript (domain/documents/transcript.h) drawn as an A4 PDF in the official
// layout, with Cairo and Pango (Noto Serif CJK TC for the title, Noto Sans CJK TC for the
// tables): the title, the household block (戶號, 戶別, 住址, 戶長, 原戶長, 戶籍記事), one table
// per person (稱謂, 姓名, 統一編號, 出生日期, 性別, 出生別, 父, 母, 配偶, 出生地, 役別,
// 原住民族別, 除戶) followed by its 記事 lines, and at the foot of every page the issuing office
// and date, 「第 1 頁 共 2 頁」, the check code in groups and the QR code (render/qr.h). A person's
// table stays on one page; their 記事 flow onto the next. Deterministic: the PDF's dates are the
// issue date, so rendering the same transcript again gives the same bytes.
// Thread-safe: render() may be called from several request threads at once.

#include <string>

#include "service/transcript_service.h"

namespace huji::render {

class PdfTranscriptRenderer : public service::TranscriptRenderer {
 public:
  core::Result<service::RenderedTranscript> render(const domain::Transcript& t,
                                                   const std::string& check_code,
                                                   const std::string& qr_text) const override;
};

}  // namespace huji::render

#endif  // HUJI_RENDER_TRANSCRIPT_H_
