#include "seal/impression.h"

#include <algorithm>
#include <cstdint>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "seal/ink.h"

namespace huji::seal {

namespace {

constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1a\n";

// Ink lighter than this (of 255) is paper however Otsu splits a near-blank image.
constexpr double kMinInkLevel = 60;
// Connected ink smaller than this share of the image is a speck of dust or paper grain.
constexpr double kSpeckShare = 2e-5;
// Less ink than this share of the image is no impression at all.
constexpr double kBlankShare = 0.002;

core::Error invalid(std::string code, std::string zh, std::string en) {
  return core::Error::invalid(std::move(code), std::move(zh), std::move(en));
}

uint32_t big_endian32(std::string_view bytes, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  return v;
}

}  // namespace

namespace detail {

core::Result<cv::Mat> decode_png(std::string_view bytes, const PngLimits& limits) {
  if (bytes.empty()) {
    return invalid("seal.image_missing", "未附印鑑影像", "No seal image was sent");
  }
  if (bytes.size() > limits.max_bytes) {
    return invalid("seal.image_too_large", "印鑑影像檔案過大（上限 2 MB）",
                   "The seal image is too large (at most 2 MB)");
  }
  // Signature, then the IHDR chunk: length 13, "IHDR", width, height (PNG spec §11.2.2).
  if (bytes.size() < 33 || bytes.substr(0, 8) != kPngSignature || bytes.substr(12, 4) != "IHDR") {
    return invalid("seal.image_not_png", "印鑑影像須為 PNG 格式", "The seal image must be a PNG");
  }
  const uint32_t width = big_endian32(bytes, 16);
  const uint32_t height = big_endian32(bytes, 20);
  const auto max_side = static_cast<uint32_t>(limits.max_side);
  const auto min_side = static_cast<uint32_t>(limits.min_side);
  if (width > max_side || height > max_side || width < min_side || height < min_side) {
    return invalid("seal.image_size",
                   "印鑑影像尺寸須介於 " + std::to_string(min_side) + " 與 " +
                       std::to_string(max_side) + " 像素之間",
                   "The seal image must be between " + std::to_string(min_side) + " and " +
                       std::to_string(max_side) + " pixels a side");
  }
  const cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8U,
                    const_cast<char*>(bytes.data()));  // NOLINT: imdecode only reads
  cv::Mat image;
  try {
    image = cv::imdecode(raw, cv::IMREAD_UNCHANGED);
  } catch (const cv::Exception&) {
    image.release();
  }
  if (image.empty() || image.cols != static_cast<int>(width) ||
      image.rows != static_cast<int>(height)) {
    return invalid("seal.image_undecodable", "印鑑影像無法解讀（檔案可能損壞）",
                   "The seal image cannot be decoded (the file may be damaged)");
  }
  if (image.depth() != CV_8U) {
    image.convertTo(image, CV_8U, 1.0 / 257.0);
  }
  cv::Mat bgr;
  switch (image.channels()) {
    case 1: cv::cvtColor(image, bgr, cv::COLOR_GRAY2BGR); break;
    case 3: bgr = image; break;
    case 4: {
      // Composite on white paper: a transparent background is paper, not black ink.
      std::vector<cv::Mat> ch;
      cv::split(image, ch);
      cv::Mat alpha;
      ch[3].convertTo(alpha, CV_32F, 1.0 / 255);
      for (int i = 0; i < 3; ++i) {
        cv::Mat c;
        ch[i].convertTo(c, CV_32F);
        c = c.mul(alpha) + (1.0 - alpha) * 255.0;
        c.convertTo(ch[i], CV_8U);
      }
      ch.pop_back();
      cv::merge(ch, bgr);
      break;
    }
    default:
      return invalid("seal.image_undecodable", "印鑑影像無法解讀（不支援的色彩格式）",
                     "The seal image cannot be decoded (unsupported colour type)");
  }
  return bgr;
}

cv::Mat to_working_size(const cv::Mat& bgr) {
  const int side = std::max(bgr.cols, bgr.rows);
  if (side <= kWorkingSide) return bgr;
  const double f = static_cast<double>(kWorkingSide) / side;
  cv::Mat out;
  cv::resize(bgr, out, cv::Size(), f, f, cv::INTER_AREA);
  return out;
}

Ink extract_ink(const cv::Mat& bgr) {
  // Ink of any colour (red seal paste, black, blue) darkens at least one channel: its
  // strength is how far the darkest channel is from white.
  std::vector<cv::Mat> ch;
  cv::split(bgr, ch);
  cv::Mat darkest = cv::min(cv::min(ch[0], ch[1]), ch[2]);
  cv::Mat ink8 = 255 - darkest;
  cv::GaussianBlur(ink8, ink8, cv::Size(3, 3), 0);

  cv::Mat mask;
  const double otsu = cv::threshold(ink8, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  if (otsu < kMinInkLevel) cv::threshold(ink8, mask, kMinInkLevel, 255, cv::THRESH_BINARY);

  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  const double min_area = std::max(3.0, kSpeckShare * static_cast<double>(mask.total()));
  std::vector<uint8_t> keep(static_cast<size_t>(n), 0);
  for (int i = 1; i < n; ++i) {
    keep[static_cast<size_t>(i)] = stats.at<int>(i, cv::CC_STAT_AREA) >= min_area ? 255 : 0;
  }
  for (int y = 0; y < mask.rows; ++y) {
    const int* l = labels.ptr<int>(y);
    auto* m = mask.ptr<uint8_t>(y);
    for (int x = 0; x < mask.cols; ++x) m[x] = keep[static_cast<size_t>(l[x])];
  }
  Ink ink;
  ink8.convertTo(ink.strength, CV_32F, 1.0 / 255);
  ink.mask = mask;
  return ink;
}

bool is_blank(const Ink& ink) {
  return static_cast<double>(cv::countNonZero(ink.mask)) <
         kBlankShare * static_cast<double>(ink.mask.total());
}

}  // namespace detail

core::Result<PngInfo> check_png(std::string_view bytes, const PngLimits& limits) {
  HUJI_ASSIGN_OR_RETURN(cv::Mat bgr, detail::decode_png(bytes, limits));
  const detail::Ink ink = detail::extract_ink(detail::to_working_size(bgr));
  const double share =
      static_cast<double>(cv::countNonZero(ink.mask)) / static_cast<double>(ink.mask.total());
  if (detail::is_blank(ink)) {
    return invalid("seal.image_blank", "印鑑影像中看不到印文",
                   "The seal image shows no impression");
  }
  return PngInfo{bgr.cols, bgr.rows, share};
}

}  // namespace huji::seal
