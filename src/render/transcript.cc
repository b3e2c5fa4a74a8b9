#include "render/transcript.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "render/pango_lock.h"
#include "render/qr.h"

namespace huji::render {

namespace {

using domain::Transcript;
using domain::TranscriptLabels;

// A4 in PostScript points; margins and the foot kept for office, page number, code and QR.
constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 36;
constexpr double kFooter = 78;
constexpr double kWidth = kPageWidth - 2 * kMargin;
constexpr double kBottom = kPageHeight - kMargin - kFooter;
constexpr double kPad = 3;
constexpr double kQrSize = 72;
constexpr const char* kSans = "Noto Sans CJK TC";

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

struct FontDeleter {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
using Font = std::unique_ptr<PangoFontDescription, FontDeleter>;

Font font(const char* family, double size, bool bold) {
  Font f(pango_font_description_new());
  pango_font_description_set_family(f.get(), family);
  pango_font_description_set_size(f.get(), static_cast<int>(size * PANGO_SCALE));
  pango_font_description_set_weight(f.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  return f;
}

struct ContextDeleter {
  void operator()(PangoContext* c) const { g_object_unref(c); }
};

// The fonts of one render, and the one Pango context all its layouts share (a context per
// layout costs a font-map lookup each).
struct Fonts {
  explicit Fonts(cairo_t* cr) : context(pango_cairo_create_context(cr)) {}
  std::unique_ptr<PangoContext, ContextDeleter> context;
  Font title = font(kSans, 17, false);
  Font label = font(kSans, 8, false);
  Font value = font(kSans, 9, false);
  Font entry = font(kSans, 8.5, false);
  Font foot = font(kSans, 7.5, false);
};

Layout layout(const Fonts& fonts, const PangoFontDescription* f, const std::string& text,
              double width, PangoAlignment align = PANGO_ALIGN_LEFT) {
  Layout l(pango_layout_new(fonts.context.get()));
  pango_layout_set_font_description(l.get(), f);
  pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(l.get(), align);
  pango_layout_set_text(l.get(), text.c_str(), -1);
  return l;
}

double height_of(const Layout& l) {
  int w = 0;
  int h = 0;
  pango_layout_get_size(l.get(), &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

void show(cairo_t* cr, const Layout& l, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, l.get());
}

// One horizontal band of the page: its height and how to draw it at a given top.
struct Band {
  double height = 0;
  double space_before = 0;
  std::function<void(cairo_t*, double)> draw;
};

// A table row of (label, value) cells across the width, labels shaded, values wrapped.
Band cells_band(const Fonts& fonts, const std::vector<std::pair<std::string, std::string>>& cells,
                double space_before = 0) {
  const double label_w = 62;
  const double value_w = kWidth / static_cast<double>(cells.size()) - label_w;
  struct Cell {
    Layout label, value;
  };
  auto laid = std::make_shared<std::vector<Cell>>();
  double h = 0;
  for (const auto& [label, value] : cells) {
    Cell c{layout(fonts, fonts.label.get(), label, label_w - 2 * kPad),
           layout(fonts, fonts.value.get(), value, value_w - 2 * kPad)};
    h = std::max({h, height_of(c.label), height_of(c.value)});
    laid->push_back(std::move(c));
  }
  h += 2 * kPad;
  Band b;
  b.height = h;
  b.space_before = space_before;
  b.draw = [laid, h, label_w, value_w](cairo_t* c, double y) {
    double x = kMargin;
    for (const auto& cell : *laid) {
      cairo_set_source_rgb(c, 0.92, 0.92, 0.92);
      cairo_rectangle(c, x, y, label_w, h);
      cairo_fill(c);
      cairo_set_source_rgb(c, 0, 0, 0);
      cairo_set_line_width(c, 0.6);
      cairo_rectangle(c, x, y, label_w, h);
      cairo_rectangle(c, x + label_w, y, value_w, h);
      cairo_stroke(c);
      show(c, cell.label, x + kPad, y + kPad);
      show(c, cell.value, x + label_w + kPad, y + kPad);
      x += label_w + value_w;
    }
  };
  return b;
}

// A line of text across the width (a 記事, a heading), boxed at the sides when `boxed`.
Band text_band(const Fonts& fonts, const PangoFontDescription* f, const std::string& text,
               double indent, double space_before, bool boxed,
               PangoAlignment align = PANGO_ALIGN_LEFT) {
  auto l = std::make_shared<Layout>(layout(fonts, f, text, kWidth - indent - 2 * kPad, align));
  Band b;
  b.height = height_of(*l) + (boxed ? 2 : 0);
  b.space_before = space_before;
  const double h = b.height;
  b.draw = [l, indent, boxed, h](cairo_t* c, double y) {
    cairo_set_source_rgb(c, 0, 0, 0);
    if (boxed) {
      cairo_set_line_width(c, 0.6);
      cairo_move_to(c, kMargin, y);
      cairo_line_to(c, kMargin, y + h);
      cairo_move_to(c, kMargin + kWidth, y);
      cairo_line_to(c, kMargin + kWidth, y + h);
      cairo_stroke(c);
    }
    show(c, *l, kMargin + indent + kPad, y + (boxed ? 1 : 0));
  };
  return b;
}

// A rule closing a boxed block.
Band rule_band() {
  Band b;
  b.draw = [](cairo_t* c, double y) {
    cairo_set_source_rgb(c, 0, 0, 0);
    cairo_set_line_width(c, 0.6);
    cairo_move_to(c, kMargin, y);
    cairo_line_to(c, kMargin + kWidth, y);
    cairo_stroke(c);
  };
  return b;
}

// The bands of the whole transcript, top to bottom; `keep` marks a band that must share its
// page with the next (a table with its first 記事).
struct Flow {
  std::vector<Band> bands;
  std::vector<bool> keep_with_next;
  void add(Band b, bool keep = false) {
    bands.push_back(std::move(b));
    keep_with_next.push_back(keep);
  }
};

Flow flow_of(const Fonts& fonts, const Transcript& t) {
  const TranscriptLabels& L = domain::transcript_labels(t.options.language);
  const bool zh = t.options.language == domain::TranscriptLanguage::kZh;
  auto s = [](std::string_view v) { return std::string(v); };
  Flow f;
  f.add(text_band(fonts, fonts.title.get(), t.title, 0, 0, false, PANGO_ALIGN_CENTER));
  f.add(cells_band(fonts,
                   {{s(L.household_no), t.household_no}, {s(L.household_kind), t.household_kind}},
                   10),
        true);
  f.add(cells_band(fonts, {{s(L.address), t.address}}), true);
  std::vector<std::pair<std::string, std::string>> head{{s(L.head), t.head_name}};
  if (!t.former_heads.empty()) {
    std::string former;
    for (const auto& n : t.former_heads) former += (former.empty() ? "" : zh ? "、" : ", ") + n;
    head.emplace_back(s(L.former_heads), former);
  }
  f.add(cells_band(fonts, head), true);
  f.add(text_band(fonts, fonts.label.get(), s(L.household_entries), 0, 0, true));
  for (const auto& e : t.household_entries) {
    f.add(text_band(fonts, fonts.entry.get(), e, 10, 0, true));
  }
  f.add(rule_band());

  for (const auto& p : t.persons) {
    f.add(
        cells_band(
            fonts,
            {{s(L.relation), p.relation}, {s(L.name), p.name}, {s(L.id_number), p.id_number}}, 10),
        true);
    f.add(cells_band(fonts, {{s(L.birth_date), p.birth_date_text},
                             {s(L.sex), p.sex},
                             {s(L.birth_order), p.birth_order}}),
          true);
    f.add(cells_band(fonts,
                     {{s(L.father), p.father}, {s(L.mother), p.mother}, {s(L.spouse), p.spouse}}),
          true);
    f.add(cells_band(fonts, {{s(L.birth_place), p.birth_place},
                             {s(L.military), p.military},
                             {s(L.indigenous), p.indigenous}}),
          true);
    if (!p.removal.empty()) f.add(cells_band(fonts, {{s(L.removal), p.removal}}), true);
    f.add(text_band(fonts, fonts.label.get(), s(L.entries), 0, 0, true), !p.entries.empty());
    for (const auto& e : p.entries) f.add(text_band(fonts, fonts.entry.get(), e, 10, 0, true));
    f.add(rule_band());
  }
  return f;
}

// The page (from 0) each band starts on. A run of bands kept together moves as one.
std::vector<int> paginate(const Flow& f, int* pages) {
  std::vector<int> page_of(f.bands.size(), 0);
  double y = kMargin;
  int page = 0;
  size_t i = 0;
  while (i < f.bands.size()) {
    size_t j = i;  // the run [i, j] kept together
    double run = f.bands[i].space_before + f.bands[i].height;
    while (f.keep_with_next[j] && j + 1 < f.bands.size()) {
      ++j;
      run += f.bands[j].space_before + f.bands[j].height;
    }
    if (y + run > kBottom && y > kMargin) {
      ++page;
      y = kMargin;
    }
    for (size_t k = i; k <= j; ++k) {
      page_of[k] = page;
      y += (y > kMargin ? f.bands[k].space_before : 0) + f.bands[k].height;
    }
    i = j + 1;
  }
  *pages = page + 1;
  return page_of;
}

core::Status draw_footer(cairo_t* cr, const Fonts& fonts, const Transcript& t,
                         const std::string& check_code, const std::string& qr_text, int page,
                         int pages) {
  const TranscriptLabels& L = domain::transcript_labels(t.options.language);
  const bool zh = t.options.language == domain::TranscriptLanguage::kZh;
  const std::string sep = zh ? "：" : ": ";
  const double top = kPageHeight - kMargin - kFooter + 8;
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.4);
  cairo_move_to(cr, kMargin, top - 4);
  cairo_line_to(cr, kMargin + kWidth, top - 4);
  cairo_stroke(cr);
  const double text_w = kWidth - kQrSize - 8;
  std::string lines = std::string(L.office) + sep + t.office_name + "\n" +
                      std::string(L.issued_on) + sep + t.issued_on_text;
  if (!check_code.empty()) lines += "\n" + std::string(L.check_code) + sep + check_code;
  show(cr, layout(fonts, fonts.foot.get(), lines, text_w), kMargin, top);
  show(
      cr,
      layout(fonts, fonts.foot.get(), domain::transcript_page_text(t.options.language, page, pages),
             text_w, PANGO_ALIGN_CENTER),
      kMargin, kPageHeight - kMargin - 10);
  // Bottom right, on every sheet: the QR code of the check code and the office's signature
  // (service/document_registry.h), once the transcript is stamped.
  if (qr_text.empty()) return {};
  return draw_qr(cr, qr_text, kMargin + kWidth - kQrSize, top - 2, kQrSize);
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

core::Error render_failed(const char* what) {
  return core::Error::internal("render.failed", std::string("無法產製謄本 PDF：") + what,
                               std::string("cannot render the transcript PDF: ") + what);
}

}  // namespace

core::Result<service::RenderedTranscript> PdfTranscriptRenderer::render(
    const Transcript& t, const std::string& check_code, const std::string& qr_text) const {
  std::lock_guard lock(pango_mutex());
  service::RenderedTranscript out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(&append, &out.pdf, kPageWidth, kPageHeight);
  // Fixed metadata: the same transcript renders to the same bytes.
  const std::string date = t.issued_on.to_iso() + "T00:00:00+08:00";
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, t.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "huji");
  cairo_t* cr = cairo_create(surface);
  core::Status drawn;
  {
    const Fonts fonts(cr);
    Flow flow = flow_of(fonts, t);
    int pages = 1;
    const std::vector<int> page_of = paginate(flow, &pages);
    int current = 0;
    double y = kMargin;
    for (size_t i = 0; i < flow.bands.size(); ++i) {
      if (page_of[i] != current) {
        if (drawn.ok()) drawn = draw_footer(cr, fonts, t, check_code, qr_text, current + 1, pages);
        cairo_show_page(cr);
        current = page_of[i];
        y = kMargin;
      } else if (y > kMargin) {
        y += flow.bands[i].space_before;
      }
      flow.bands[i].draw(cr, y);
      y += flow.bands[i].height;
    }
    if (drawn.ok()) drawn = draw_footer(cr, fonts, t, check_code, qr_text, current + 1, pages);
    cairo_show_page(cr);
    out.sheets = pages;
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) return render_failed(cairo_status_to_string(status));
  HUJI_TRY(drawn);
  return out;
}

}  // namespace huji::render
