// Household transcripts (戶籍謄本, issue 18): building the content from a household's register
// facts (domain::build_transcript) and drawing it as the stamped A4 PDF
// (render::PdfTranscriptRenderer, with check code and QR). Transcripts per second per core.
// Run: build/release/bench/huji_transcript_bench (docs/PERFORMANCE.md, "Transcripts").
#include <benchmark/benchmark.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <string>

#include "domain/documents/transcript.h"
#include "domain/register/event_keys.h"
#include "render/transcript.h"

namespace {

using huji::core::Date;
using huji::domain::Event;
using huji::domain::EventType;
namespace key = huji::domain::event_key;

Date day(const char* iso) { return *Date::parse_iso(iso); }

// A household of `n` persons, each with six entries (birth, move-in, marriage, address
// change, name change, conversion): the size of a typical family's current transcript.
huji::domain::HouseholdFacts household(int n) {
  huji::domain::HouseholdFacts f;
  f.household_no = "F1234567";
  huji::domain::Household h;
  h.household_no = f.household_no;
  h.head_id = "A100000000";
  f.household = h;
  f.address = "臺北市文山區萬芳里5鄰興隆路三段115巷3弄10之1號5樓之2";
  int64_t seq = 1;
  for (int i = 0; i < n; ++i) {
    huji::domain::Person p;
    p.id_number = "A10000000" + std::to_string(i);
    p.name = i == 0 ? "王大明" : "王小明";
    p.birth_date = day("1985-05-12");
    p.birth_place = "臺北市";
    p.father_name = "王老先生";
    p.mother_name = "李秀英";
    p.relation = i == 0 ? "戶長" : "長子";
    p.birth_order = 1;
    p.household_no = f.household_no;
    f.members.push_back(p);
    auto add = [&](EventType type, const char* on, std::map<std::string, std::string> data) {
      Event e;
      e.seq = seq++;
      e.type = type;
      e.subject_id = p.id_number;
      e.household_no = f.household_no;
      e.event_date = day(on);
      e.registered_on = e.event_date.add_days(3);
      e.data = std::move(data);
      f.events[p.id_number].push_back(e);
      f.household_events.push_back(e);
    };
    add(EventType::kBirth, "1985-05-12", {{key::kPlace, "臺北市"}});
    add(EventType::kMoveIn, "2010-03-01", {{key::kFrom, "臺北市大安區"}});
    add(EventType::kMarriage, "2012-06-01", {{key::kSpouseName, "陳美玲"}});
    add(EventType::kAddressChange, "2016-09-09", {});
    add(EventType::kNameChange, "2018-01-02", {{key::kOldName, "王小名"}, {key::kNewName, "王小明"}});
    add(EventType::kConversion, "2020-01-01", {});
  }
  return f;
}

huji::domain::Transcript content(int n) {
  auto t = huji::domain::build_transcript(household(n), {});
  t->office_code = "63000080";
  t->office_name = "臺北市文山區戶政事務所";
  t->issued_on = day("2026-12-05");
  t->issued_on_text = "民國115年12月05日";
  return *t;
}

// The QR text's length as the document registry writes it (code, kind, office, date,
// SHA-256 hex and an Ed25519 signature in base64url).
const std::string kQr = "HJ1:7KQ2M9XDAB12CD34EF56:transcript:63000080:20261205:" +
                        std::string(64, 'a') + ":" + std::string(86, 'B');

void BM_TranscriptContent(benchmark::State& state) {
  const auto facts = household(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto t = huji::domain::build_transcript(facts, {});
    benchmark::DoNotOptimize(t);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TranscriptContent)->Arg(4)->Arg(8);

void BM_TranscriptPdf(benchmark::State& state) {
  const auto t = content(static_cast<int>(state.range(0)));
  const huji::render::PdfTranscriptRenderer renderer;
  int sheets = 0;
  for (auto _ : state) {
    auto r = renderer.render(t, "7KQ2-M9XD-AB12-CD34-EF56", kQr);
    sheets = r->sheets;
    benchmark::DoNotOptimize(r);
  }
  state.counters["sheets"] = sheets;
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TranscriptPdf)->Arg(4)->Arg(8)->Unit(benchmark::kMillisecond);

// The raw limit: Cairo and Pango alone writing a one-line A4 PDF in the same CJK font (one
// font subset embedded, nothing of huji): the floor under any transcript.
void BM_RawCairoPdfLine(benchmark::State& state) {
  auto sink = [](void* closure, const unsigned char* data, unsigned int n) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), n);
    return CAIRO_STATUS_SUCCESS;
  };
  for (auto _ : state) {
    std::string out;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(sink, &out, 595.28, 841.89);
    cairo_t* cr = cairo_create(surface);
    PangoLayout* layout = pango_cairo_create_layout(cr);
    PangoFontDescription* font = pango_font_description_from_string("Noto Sans CJK TC 9");
    pango_layout_set_font_description(layout, font);
    pango_layout_set_text(layout, "戶籍謄本 王大明 A123456789 民國74年05月12日在臺北市出生", -1);
    cairo_move_to(cr, 36, 36);
    pango_cairo_show_layout(cr, layout);
    cairo_show_page(cr);
    pango_font_description_free(font);
    g_object_unref(layout);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RawCairoPdfLine)->Unit(benchmark::kMillisecond);

}  // namespace
