#include "seal/impression.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

namespace huji::seal {
namespace {

std::string png_of(const cv::Mat& m) {
  std::vector<uint8_t> png;
  cv::imencode(".png", m, png);
  return {png.begin(), png.end()};
}

cv::Mat paper(int w, int h) { return {h, w, CV_8UC3, cv::Scalar(245, 245, 245)}; }

std::string code_of(std::string_view bytes, const PngLimits& limits = {}) {
  auto r = check_png(bytes, limits);
  return r.ok() ? std::string("ok") : r.error().code;
}

TEST(CheckPng, AcceptsARedSealOnPaper) {
  cv::Mat m = paper(200, 200);
  cv::circle(m, {100, 100}, 80, cv::Scalar(40, 30, 200), 10);
  cv::putText(m, "SEAL", {40, 115}, cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(40, 30, 200), 5);
  auto r = check_png(png_of(m));
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_EQ(r->width, 200);
  EXPECT_GT(r->ink_share, 0.05);
}

TEST(CheckPng, RefusesWhatIsNoUsablePng) {
  EXPECT_EQ(code_of(""), "seal.image_missing");
  EXPECT_EQ(code_of("GIF89a not a png at all, but long enough to be read"), "seal.image_not_png");
  std::string png = png_of(paper(200, 200));
  EXPECT_EQ(code_of(png), "seal.image_blank");
  EXPECT_EQ(code_of(png_of(paper(20, 200))), "seal.image_size");
  // A header claiming 60000 x 60000 pixels is refused before anything is decoded.
  std::string huge = png;
  huge[16] = 0;
  huge[17] = 0;
  huge[18] = '\xea';
  huge[19] = '\x60';
  EXPECT_EQ(code_of(huge), "seal.image_size");
  EXPECT_EQ(code_of(png.substr(0, png.size() / 2)), "seal.image_undecodable");
  PngLimits small;
  small.max_bytes = 100;
  EXPECT_EQ(code_of(png, small), "seal.image_too_large");
}

TEST(CheckPng, TransparentBackgroundIsPaperNotInk) {
  cv::Mat m(200, 200, CV_8UC4, cv::Scalar(0, 0, 0, 0));
  cv::circle(m, {100, 100}, 80, cv::Scalar(40, 30, 200, 255), 10);
  auto r = check_png(png_of(m));
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_LT(r->ink_share, 0.2);
}

}  // namespace
}  // namespace huji::seal
