#ifndef HUJI_SEAL_INK_H_
#define HUJI_SEAL_INK_H_

// Inside the seal library: decoding and ink extraction on OpenCV matrices.

#include <opencv2/core.hpp>
#include <string_view>

#include "core/result.h"
#include "seal/impression.h"

namespace huji::seal::detail {

// The longer side an image is reduced to before anything else: enough for strokes of a
// 2-4 character seal, bounded cost per comparison.
constexpr int kWorkingSide = 600;

// The PNG decoded to 8-bit BGR, transparent pixels composited on white.
core::Result<cv::Mat> decode_png(std::string_view bytes, const PngLimits& limits);

// An impression's ink: `strength` (CV_32F, 0 paper .. 1 full ink, any ink colour) and `mask`
// (CV_8U 0/255: Otsu binarisation with a floor, specks removed).
struct Ink {
  cv::Mat strength;
  cv::Mat mask;
};
Ink extract_ink(const cv::Mat& bgr);
// Whether the ink is too little to be an impression (seal.image_blank).
bool is_blank(const Ink& ink);

// `bgr` reduced so that its longer side is at most kWorkingSide.
cv::Mat to_working_size(const cv::Mat& bgr);

}  // namespace huji::seal::detail

#endif  // HUJI_SEAL_INK_H_
