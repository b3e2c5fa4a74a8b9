#include "seal/specimen.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <utility>
#include <vector>

namespace huji::seal::specimen {

namespace {

constexpr int kFace = 320;  // the seal face, pixels
constexpr double kPi = 3.14159265358979323846;

// Common surnames and given-name characters in Taiwan.
const std::vector<std::string>& surnames() {
  static const std::vector<std::string> v = {
      "陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭", "謝", "郭",
      "洪", "曾", "邱", "廖", "賴", "周", "徐", "蘇", "葉", "莊", "呂", "江", "何", "蕭",
      "羅", "高", "潘", "簡", "朱", "鍾", "彭", "游", "詹", "胡", "施", "沈", "余", "盧",
      "梁", "趙", "顏", "柯", "翁", "魏", "孫", "戴", "范", "方", "宋", "鄧", "杜", "傅",
      "侯", "曹", "薛", "丁", "卓", "馬", "田", "石", "白", "金"};
  return v;
}
const std::vector<std::string>& given_names() {
  static const std::vector<std::string> v = {
      "志", "明", "俊", "傑", "建", "宏", "家", "豪", "冠", "宇", "承", "恩", "美",
      "玲", "淑", "芬", "雅", "婷", "怡", "君", "佩", "珊", "欣", "宗", "翰", "文",
      "華", "國", "強", "麗", "秀", "英", "春", "嬌", "玉", "蘭", "生", "永", "福",
      "正", "雄", "德", "大", "天", "人", "木", "日", "士", "未", "千", "甲", "己",
      "今", "自", "東", "平", "安", "信", "仁", "義", "順", "成", "光", "榮"};
  return v;
}
// Characters a forger could pass off one for the other: they differ by a stroke or a part.
const std::vector<std::pair<std::string, std::string>>& look_alikes() {
  static const std::vector<std::pair<std::string, std::string>> v = {
      {"王", "玉"}, {"大", "太"}, {"士", "土"}, {"未", "末"}, {"人", "入"}, {"己", "已"},
      {"天", "夫"}, {"田", "由"}, {"甲", "申"}, {"木", "本"}, {"千", "干"}, {"日", "曰"},
      {"今", "令"}, {"白", "自"}, {"永", "水"}, {"明", "朋"}, {"陳", "陣"}, {"張", "帳"},
      {"李", "季"}, {"宏", "宋"}, {"東", "束"}, {"平", "半"}, {"石", "右"}, {"玉", "主"}};
  return v;
}
std::string look_alike_of(const std::string& c) {
  for (const auto& [a, b] : look_alikes()) {
    if (a == c) return b;
    if (b == c) return a;
  }
  return {};
}

class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}
  double uniform(double lo, double hi) { return std::uniform_real_distribution<>(lo, hi)(engine_); }
  double normal(double sigma) { return std::normal_distribution<>(0, sigma)(engine_); }
  size_t index(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(engine_); }
  bool chance(double p) { return uniform(0, 1) < p; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[index(v.size())];
  }

 private:
  std::mt19937_64 engine_;
};

struct Design {
  std::vector<std::string> chars;
  bool round = false;
  std::string family = "Noto Serif CJK TC";
  PangoWeight weight = PANGO_WEIGHT_BOLD;
  double border_width = 12;
  double jitter_px = 0;  // a hand-cut copy: smooth displacement of the face
  uint64_t jitter_seed = 0;
};

std::string joined(const std::vector<std::string>& chars) {
  std::string s;
  for (const auto& c : chars) s += c;
  return s;
}

std::vector<std::string> random_name(Random& rng, size_t length) {
  std::vector<std::string> chars = {rng.pick(surnames())};
  while (chars.size() < length) chars.push_back(rng.pick(given_names()));
  // Half the names carry a character with a look-alike, so that a one-stroke forgery can swap it.
  if (rng.chance(0.5)) {
    const auto& pair = rng.pick(look_alikes());
    chars[1 + rng.index(length - 1)] = rng.chance(0.5) ? pair.first : pair.second;
  }
  return chars;
}

// The cells of the characters, read right to left in columns as seals are.
std::vector<cv::Rect2d> cells_of(size_t n, const cv::Rect2d& box) {
  constexpr double kGap = 8;
  const double half_w = (box.width - kGap) / 2;
  const double half_h = (box.height - kGap) / 2;
  const double right = box.x + half_w + kGap;
  const double left = box.x;
  switch (n) {
    case 2: return {{right, box.y, half_w, box.height}, {left, box.y, half_w, box.height}};
    case 3:
      return {{right, box.y, half_w, box.height},
              {left, box.y, half_w, half_h},
              {left, box.y + half_h + kGap, half_w, half_h}};
    default:
      return {{right, box.y, half_w, half_h},
              {right, box.y + half_h + kGap, half_w, half_h},
              {left, box.y, half_w, half_h},
              {left, box.y + half_h + kGap, half_w, half_h}};
  }
}

struct Face {
  cv::Mat ink;  // CV_8U, 255 full ink
  std::vector<cv::Rect2d> cells;
};

std::mutex& pango_mutex() {
  static std::mutex m;
  return m;
}

Face render(const Design& d) {
  const std::lock_guard<std::mutex> lock(pango_mutex());
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_A8, kFace, kFace), cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), cairo_destroy);
  cairo_set_source_rgba(cr.get(), 0, 0, 0, 1);
  constexpr double kMargin = 14;
  const double bw = d.border_width;
  cairo_set_line_width(cr.get(), bw);
  cv::Rect2d box;
  if (d.round) {
    const double r = kFace / 2.0 - kMargin - bw / 2;
    cairo_arc(cr.get(), kFace / 2.0, kFace / 2.0, r, 0, 2 * kPi);
    const double half = 0.76 * (r - bw / 2 - 4);
    box = {kFace / 2.0 - half, kFace / 2.0 - half, 2 * half, 2 * half};
  } else {
    cairo_rectangle(cr.get(), kMargin + bw / 2, kMargin + bw / 2, kFace - 2 * kMargin - bw,
                    kFace - 2 * kMargin - bw);
    const double inset = kMargin + bw + 7;
    box = {inset, inset, kFace - 2 * inset, kFace - 2 * inset};
  }
  cairo_stroke(cr.get());

  Random rng(d.jitter_seed);
  Face face;
  face.cells = cells_of(d.chars.size(), box);
  for (size_t i = 0; i < d.chars.size(); ++i) {
    cv::Rect2d cell = face.cells[i];
    if (d.jitter_px > 0) {  // a carver's hand: each character a little off
      cell.x += rng.normal(0.03) * cell.width;
      cell.y += rng.normal(0.03) * cell.height;
      cell.width *= 1 + rng.normal(0.04);
      cell.height *= 1 + rng.normal(0.04);
    }
    PangoLayout* layout = pango_cairo_create_layout(cr.get());
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, d.family.c_str());
    pango_font_description_set_weight(font, d.weight);
    pango_font_description_set_absolute_size(font, 100.0 * PANGO_SCALE);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_text(layout, d.chars[i].c_str(), -1);
    PangoRectangle ink;
    PangoRectangle logical;
    pango_layout_get_pixel_extents(layout, &ink, &logical);
    cairo_save(cr.get());
    cairo_translate(cr.get(), cell.x, cell.y);
    cairo_scale(cr.get(), cell.width / std::max(1, ink.width),
                cell.height / std::max(1, ink.height));
    cairo_translate(cr.get(), -ink.x, -ink.y);
    pango_cairo_show_layout(cr.get(), layout);
    cairo_restore(cr.get());
    g_object_unref(layout);
  }
  cairo_surface_flush(surface.get());
  face.ink = cv::Mat(kFace, kFace, CV_8U, cairo_image_surface_get_data(surface.get()),
                     static_cast<size_t>(cairo_image_surface_get_stride(surface.get())))
                 .clone();
  if (d.jitter_px > 0) {
    cv::Mat dx(5, 5, CV_32F);
    cv::Mat dy(5, 5, CV_32F);
    for (int y = 0; y < 5; ++y) {
      for (int x = 0; x < 5; ++x) {
        dx.at<float>(y, x) = static_cast<float>(rng.normal(d.jitter_px));
        dy.at<float>(y, x) = static_cast<float>(rng.normal(d.jitter_px));
      }
    }
    cv::resize(dx, dx, cv::Size(kFace, kFace), 0, 0, cv::INTER_CUBIC);
    cv::resize(dy, dy, cv::Size(kFace, kFace), 0, 0, cv::INTER_CUBIC);
    cv::Mat map_x(kFace, kFace, CV_32F);
    cv::Mat map_y(kFace, kFace, CV_32F);
    for (int y = 0; y < kFace; ++y) {
      for (int x = 0; x < kFace; ++x) {
        map_x.at<float>(y, x) = static_cast<float>(x) + dx.at<float>(y, x);
        map_y.at<float>(y, x) = static_cast<float>(y) + dy.at<float>(y, x);
      }
    }
    cv::remap(face.ink, face.ink, map_x, map_y, cv::INTER_LINEAR);
  }
  return face;
}

// A stroke drawn into, or cut out of, one character of the face.
std::string change_stroke(Face& face, Random& rng) {
  const size_t i = rng.index(face.cells.size());
  const cv::Rect2d cell = face.cells[i];
  const bool horizontal = rng.chance(0.5);
  const double length = rng.uniform(0.35, 0.6) * (horizontal ? cell.width : cell.height);
  if (rng.chance(0.5)) {
    // Where the new stroke crosses little of the existing ink: a stroke drawn over strokes
    // changes nothing.
    const cv::Point2d half = horizontal ? cv::Point2d(length / 2, 0) : cv::Point2d(0, length / 2);
    cv::Mat best;
    double best_overlap = 2;
    for (int attempt = 0; attempt < 30; ++attempt) {
      const cv::Point2d at(cell.x + rng.uniform(0.2, 0.8) * cell.width,
                           cell.y + rng.uniform(0.2, 0.8) * cell.height);
      cv::Mat stroke = cv::Mat::zeros(face.ink.size(), CV_8U);
      cv::line(stroke, at - half, at + half, cv::Scalar(255), 7, cv::LINE_AA);
      const double overlap = static_cast<double>(cv::countNonZero(stroke & (face.ink > 64))) /
                             std::max(1, cv::countNonZero(stroke));
      if (overlap < best_overlap) {
        best_overlap = overlap;
        best = stroke;
      }
      if (overlap < 0.25) break;
    }
    face.ink = cv::max(face.ink, best);
    return "stroke added";
  }
  // Erase a stroke: along the longer run of ink through a point of the character.
  std::vector<cv::Point> ink;
  const cv::Rect area = cv::Rect(cell) & cv::Rect(0, 0, kFace, kFace);
  cv::findNonZero(face.ink(area) > 128, ink);
  if (ink.empty()) return "stroke unchanged";
  const cv::Point at = ink[rng.index(ink.size())] + area.tl();
  auto run = [&](cv::Point step) {
    int n = 0;
    for (cv::Point p = at; p.inside(area) && face.ink.at<uint8_t>(p) > 128; p += step) ++n;
    for (cv::Point p = at; p.inside(area) && face.ink.at<uint8_t>(p) > 128; p -= step) ++n;
    return n;
  };
  const bool along_x = run({1, 0}) >= run({0, 1});
  const double len = std::max(along_x ? cell.width : cell.height, 1.0) * rng.uniform(0.3, 0.5);
  const cv::Point2d half = along_x ? cv::Point2d(len / 2, 0) : cv::Point2d(0, len / 2);
  cv::line(face.ink, cv::Point2d(at) - half, cv::Point2d(at) + half, cv::Scalar(0), 13);
  return "stroke erased";
}

std::string png_of(const cv::Mat& bgr) {
  std::vector<uint8_t> png;
  cv::imencode(".png", bgr, png);
  return {png.begin(), png.end()};
}

struct Stamped {
  std::string png;
  bool partial = false;
  std::string detail;
};

// The face put to paper. `full`: an application's impression with every kind of damage;
// otherwise the careful impression kept in the register.
Stamped stamp(const Face& face, Random& rng, bool full) {
  Stamped out;
  cv::Mat ink;
  face.ink.convertTo(ink, CV_32F, 1.0 / 255);
  const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(3, 3));
  if (full) {
    const double paste = rng.uniform(0, 1);
    if (paste < 0.08) {
      cv::dilate(ink, ink, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(5, 5)));
      out.detail += "very thick paste; ";
    } else if (paste < 0.25) {
      cv::dilate(ink, ink, kernel);
      out.detail += "thick paste; ";
    } else if (paste < 0.45) {
      cv::erode(ink, ink, kernel);
      out.detail += "thin paste; ";
    }
    if (rng.chance(0.2)) {  // the seal slid a little: ink smeared along one direction
      const int length = 3 + static_cast<int>(rng.index(4));
      cv::Mat smear = cv::Mat::zeros(length, length, CV_32F);
      smear.row(length / 2).setTo(1.0 / length);
      const cv::Matx23d turn = cv::getRotationMatrix2D(
          cv::Point2f(static_cast<float>(length - 1) / 2, static_cast<float>(length - 1) / 2),
          rng.uniform(0, 180), 1.0);
      cv::warpAffine(smear, smear, turn, smear.size());
      smear /= std::max(1e-6, cv::sum(smear)[0]);
      cv::Mat smeared;
      cv::filter2D(ink, smeared, -1, smear);
      ink = cv::max(ink, smeared * 1.3);
      out.detail += "smeared; ";
    }
    const auto blots = rng.chance(0.4) ? 1 + rng.index(4) : 0;
    for (size_t i = 0; i < blots; ++i) {  // drops of paste off the strokes
      cv::circle(ink,
                 cv::Point(static_cast<int>(rng.uniform(20, kFace - 20)),
                           static_cast<int>(rng.uniform(20, kFace - 20))),
                 static_cast<int>(rng.uniform(1, 5)), cv::Scalar(rng.uniform(0.6, 1.0)), cv::FILLED,
                 cv::LINE_AA);
    }
    if (blots > 0) out.detail += std::to_string(blots) + " blots; ";
    // Uneven pressure across the face, and faded patches.
    const double gx = rng.uniform(-0.3, 0.3);
    const double gy = rng.uniform(-0.3, 0.3);
    cv::Mat pressure(ink.size(), CV_32F);
    for (int y = 0; y < kFace; ++y) {
      for (int x = 0; x < kFace; ++x) {
        const double p = 1 + gx * (2.0 * x / kFace - 1) + gy * (2.0 * y / kFace - 1);
        pressure.at<float>(y, x) = static_cast<float>(std::clamp(p, 0.55, 1.0));
      }
    }
    const auto patches = rng.index(4);
    for (size_t i = 0; i < patches; ++i) {
      cv::ellipse(
          pressure,
          cv::Point(static_cast<int>(rng.uniform(40, kFace - 40)),
                    static_cast<int>(rng.uniform(40, kFace - 40))),
          cv::Size(static_cast<int>(rng.uniform(15, 50)), static_cast<int>(rng.uniform(15, 50))),
          rng.uniform(0, 180), 0, 360, cv::Scalar(rng.uniform(0.35, 0.7)), cv::FILLED);
    }
    if (patches > 0) out.detail += std::to_string(patches) + " faded patches; ";
    cv::GaussianBlur(pressure, pressure, cv::Size(0, 0), 6);
    ink = ink.mul(pressure);
  }
  cv::GaussianBlur(ink, ink, cv::Size(0, 0), full ? rng.uniform(0.4, 1.3) : 0.5);

  const int canvas = full ? 380 : 360;
  const double angle = full ? rng.uniform(-15, 15) : rng.uniform(-2, 2);
  const double scale = full ? rng.uniform(0.9, 1.1) : 1.0;
  const double shift = full ? 12 : 4;
  cv::Matx23d m = cv::getRotationMatrix2D(cv::Point2f(kFace / 2.0f, kFace / 2.0f), angle, scale);
  m(0, 2) += (canvas - kFace) / 2.0 + rng.uniform(-shift, shift);
  m(1, 2) += (canvas - kFace) / 2.0 + rng.uniform(-shift, shift);
  cv::Mat placed;
  cv::warpAffine(ink, placed, m, cv::Size(canvas, canvas));
  if (full) {
    out.detail += "rotated " + std::to_string(static_cast<int>(std::lround(angle))) + "°, scaled " +
                  std::to_string(static_cast<int>(std::lround(scale * 100))) + " %";
  }

  const double density = full ? rng.uniform(0.8, 1.0) : 0.95;
  const cv::Vec3f paper(238, 243, 247);  // BGR
  const cv::Vec3f paste(45, 35, 195);
  cv::Mat bgr(placed.size(), CV_32FC3);
  for (int y = 0; y < canvas; ++y) {
    for (int x = 0; x < canvas; ++x) {
      const float a = std::clamp(placed.at<float>(y, x) * static_cast<float>(density), 0.f, 1.f);
      bgr.at<cv::Vec3f>(y, x) = paper * (1 - a) + paste * a;
    }
  }
  cv::Mat noise(bgr.size(), CV_32FC3);
  cv::randn(noise, 0, 5);  // paper grain (OpenCV's own generator, seeded below)
  bgr += noise;
  cv::Mat bgr8;
  bgr.convertTo(bgr8, CV_8UC3);

  if (full && rng.chance(0.15)) {
    // The paper's edge cuts the seal: keep all but 10-25 % of its extent on one side.
    std::vector<cv::Point> points;
    cv::findNonZero(placed > 0.3, points);
    const cv::Rect bounds = cv::boundingRect(points);
    const double cut = rng.uniform(0.1, 0.25);
    cv::Rect keep(0, 0, canvas, canvas);
    switch (rng.index(4)) {
      case 0:
        keep.x = bounds.x + static_cast<int>(cut * bounds.width);
        keep.width = canvas - keep.x;
        break;
      case 1: keep.width = bounds.br().x - static_cast<int>(cut * bounds.width); break;
      case 2:
        keep.y = bounds.y + static_cast<int>(cut * bounds.height);
        keep.height = canvas - keep.y;
        break;
      default: keep.height = bounds.br().y - static_cast<int>(cut * bounds.height); break;
    }
    bgr8 = bgr8(keep).clone();
    out.partial = true;
    out.detail += "; edge cut " + std::to_string(static_cast<int>(std::lround(cut * 100))) + " %";
  }
  out.png = png_of(bgr8);
  return out;
}

Design random_design(Random& rng) {
  Design d;
  d.chars = random_name(rng, 2 + rng.index(3));
  d.round = rng.chance(0.4);
  const double font = rng.uniform(0, 1);
  if (font < 0.25) {
    d.family = "Noto Sans CJK TC";
  } else if (font < 0.45) {
    d.weight = PANGO_WEIGHT_NORMAL;
  }
  d.border_width = rng.uniform(9, 14);
  return d;
}

}  // namespace

const char* name_of(PairKind kind) {
  switch (kind) {
    case PairKind::kGenuine: return "genuine";
    case PairKind::kOtherName: return "other name";
    case PairKind::kStrokeChanged: return "stroke changed";
    case PairKind::kRedrawn: return "redrawn";
  }
  return "?";
}

Pair make_pair(uint64_t seed, PairKind kind) {
  Random rng(seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(kind));
  cv::theRNG().state = seed * 2654435761ULL + 1;
  Pair pair;
  pair.kind = kind;
  const Design registered = random_design(rng);
  pair.name = joined(registered.chars);
  const Face face = render(registered);
  pair.registered_png = stamp(face, rng, false).png;

  Design forged = registered;
  Face candidate = face;
  switch (kind) {
    case PairKind::kGenuine: break;
    case PairKind::kOtherName: do { forged.chars = random_name(rng, registered.chars.size());
      } while (forged.chars == registered.chars);
      pair.detail = "seal of " + joined(forged.chars) + "; ";
      candidate = render(forged);
      break;
    case PairKind::kStrokeChanged: {
      std::vector<size_t> swappable;
      for (size_t i = 0; i < forged.chars.size(); ++i) {
        if (!look_alike_of(forged.chars[i]).empty()) swappable.push_back(i);
      }
      if (!swappable.empty() && rng.chance(0.6)) {
        const size_t i = swappable[rng.index(swappable.size())];
        pair.detail = forged.chars[i] + " → ";
        forged.chars[i] = look_alike_of(forged.chars[i]);
        pair.detail += forged.chars[i] + "; ";
        candidate = render(forged);
      } else {
        candidate.ink = face.ink.clone();
        pair.detail = change_stroke(candidate, rng) + "; ";
      }
      break;
    }
    case PairKind::kRedrawn: {
      const double how = rng.uniform(0, 1);
      if (how < 0.25) {
        forged.family =
            registered.family == "Noto Sans CJK TC" ? "Noto Serif CJK TC" : "Noto Sans CJK TC";
        pair.detail = "cut in " + forged.family + "; ";
      } else if (how < 0.5) {
        forged.weight =
            registered.weight == PANGO_WEIGHT_BOLD ? PANGO_WEIGHT_NORMAL : PANGO_WEIGHT_BOLD;
        pair.detail = "cut in another weight; ";
      } else if (how < 0.7) {
        // The same family's Japanese design: the same characters, slightly other shapes.
        forged.family =
            registered.family == "Noto Sans CJK TC" ? "Noto Sans CJK JP" : "Noto Serif CJK JP";
        forged.jitter_px = 1.5;
        pair.detail = "cut in the JP design; ";
      } else {
        forged.jitter_px = rng.uniform(4, 8);
        pair.detail = "copied by hand; ";
      }
      forged.jitter_seed = seed + 17;
      candidate = render(forged);
      break;
    }
  }
  Stamped s = stamp(candidate, rng, true);
  pair.candidate_png = std::move(s.png);
  pair.partial = s.partial;
  pair.detail += s.detail;
  return pair;
}

}  // namespace huji::seal::specimen
