#include "seal/compare.h"

#include <algorithm>
#include <cmath>
#include <opencv2/calib3d.hpp>
#include <opencv2/features2d.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>
#include <optional>
#include <vector>

#include "seal/ink.h"

namespace huji::seal {

namespace {

// The normalised canvases: the seal's enclosing circle centred, of radius kRadiusShare of the
// side. Alignment runs on the smaller one, scoring and the overlay on the larger, where a
// stroke of a 4-character seal is about 8 pixels wide.
constexpr int kSide = 256;
constexpr int kScoreSide = 512;
constexpr double kRadiusShare = 0.42;
// The coarse rotation search: a seal is put to paper within about ±15° of upright.
constexpr int kCoarseSide = 64;
constexpr int kCoarsePad = 10;
constexpr double kMaxAngle = 21;
constexpr double kAngleStep = 3;
// The window of local_extra: an eighth of the canvas, about one stroke cluster of a character.
constexpr int kLocalWindow = kScoreSide / 8;
// Ink this much above the paper's level is a faded stroke, not bare paper.
constexpr double kFaintInk = 0.06;
// An alignment stretching the seal beyond these is a failed one, not a seal put to paper.
constexpr double kMinScale = 0.7;
constexpr double kMaxScale = 1.4;
constexpr double kMaxShear = 0.15;

// An impression on the canvas.
struct Normalised {
  cv::Mat strength;  // CV_32F
  cv::Mat mask;      // CV_8U 0/255
  cv::Mat observed;  // CV_8U 0/255: inside the original image
  bool empty = true;
};

Normalised normalise(const detail::Ink& ink, int side) {
  Normalised n;
  std::vector<cv::Point> points;
  cv::findNonZero(ink.mask, points);
  if (points.size() < 16) return n;
  // The circle of the hull's few hundred points is the circle of all (and far cheaper).
  std::vector<cv::Point> hull;
  cv::convexHull(points, hull);
  cv::Point2f centre;
  float radius = 0;
  cv::minEnclosingCircle(hull, centre, radius);
  const double s = kRadiusShare * side / std::max(1.0f, radius);
  const cv::Matx23d to_canvas(s, 0, side / 2.0 - s * centre.x, 0, s, side / 2.0 - s * centre.y);
  const cv::Size size(side, side);
  cv::warpAffine(ink.strength, n.strength, to_canvas, size, cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                 0);
  cv::warpAffine(ink.mask, n.mask, to_canvas, size, cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
  cv::threshold(n.mask, n.mask, 127, 255, cv::THRESH_BINARY);
  const cv::Mat all(ink.mask.size(), CV_8U, cv::Scalar(255));
  cv::warpAffine(all, n.observed, to_canvas, size, cv::INTER_NEAREST, cv::BORDER_CONSTANT, 0);
  n.empty = false;
  return n;
}

cv::Matx23d inverse(const cv::Matx23d& m) {
  cv::Matx23d out;
  cv::invertAffineTransform(m, out);
  return out;
}

// Whether `w` (registered -> application) could be a seal put to paper: near-similarity.
bool plausible(const cv::Matx23d& w) {
  const double sx = std::hypot(w(0, 0), w(1, 0));
  const double sy = std::hypot(w(0, 1), w(1, 1));
  const double shear = std::abs(w(0, 0) * w(0, 1) + w(1, 0) * w(1, 1)) / (sx * sy);
  return sx > kMinScale && sx < kMaxScale && sy > kMinScale && sy < kMaxScale &&
         std::abs(sx / sy - 1) < kMaxShear && shear < kMaxShear;
}

// The rotation and shift that best correlate the two at low resolution, as a map from the
// registered canvas to the application's (the convention of findTransformECC).
cv::Matx23d coarse_search(const Normalised& reg, const Normalised& app) {
  cv::Mat r;
  cv::Mat a;
  cv::resize(reg.strength, r, cv::Size(kCoarseSide, kCoarseSide), 0, 0, cv::INTER_AREA);
  cv::resize(app.strength, a, cv::Size(kCoarseSide, kCoarseSide), 0, 0, cv::INTER_AREA);
  cv::GaussianBlur(r, r, cv::Size(5, 5), 1.2);
  cv::GaussianBlur(a, a, cv::Size(5, 5), 1.2);
  cv::copyMakeBorder(r, r, kCoarsePad, kCoarsePad, kCoarsePad, kCoarsePad, cv::BORDER_CONSTANT, 0);
  const cv::Point2f centre(kCoarseSide / 2.0f, kCoarseSide / 2.0f);
  double best = -2;
  double best_angle = 0;
  cv::Point best_shift;
  for (double angle = -kMaxAngle; angle <= kMaxAngle; angle += kAngleStep) {
    cv::Mat rotated;
    cv::warpAffine(a, rotated, cv::getRotationMatrix2D(centre, angle, 1.0), a.size());
    cv::Mat result;
    cv::matchTemplate(r, rotated, result, cv::TM_CCORR_NORMED);
    double max_value = 0;
    cv::Point max_at;
    cv::minMaxLoc(result, nullptr, &max_value, nullptr, &max_at);
    if (max_value > best) {
      best = max_value;
      best_angle = angle;
      best_shift = max_at - cv::Point(kCoarsePad, kCoarsePad);
    }
  }
  // Forward: rotate the application about the canvas centre, then shift onto the registered.
  const double f = static_cast<double>(kSide) / kCoarseSide;
  cv::Matx23d forward =
      cv::getRotationMatrix2D(cv::Point2f(kSide / 2.0f, kSide / 2.0f), best_angle, 1.0);
  forward(0, 2) += best_shift.x * f;
  forward(1, 2) += best_shift.y * f;
  return inverse(forward);
}

// ORB features matched across the two and a RANSAC similarity; nullopt when too few agree.
std::optional<cv::Matx23d> feature_search(const Normalised& reg, const Normalised& app) {
  cv::Mat r8;
  cv::Mat a8;
  reg.strength.convertTo(r8, CV_8U, 255);
  app.strength.convertTo(a8, CV_8U, 255);
  const cv::Ptr<cv::ORB> orb = cv::ORB::create(400, 1.2f, 4, 15, 0, 2, cv::ORB::HARRIS_SCORE, 15);
  std::vector<cv::KeyPoint> kr;
  std::vector<cv::KeyPoint> ka;
  cv::Mat dr;
  cv::Mat da;
  orb->detectAndCompute(r8, cv::noArray(), kr, dr);
  orb->detectAndCompute(a8, cv::noArray(), ka, da);
  if (dr.rows < 8 || da.rows < 8) return std::nullopt;
  cv::BFMatcher matcher(cv::NORM_HAMMING, true);
  std::vector<cv::DMatch> matches;
  matcher.match(da, dr, matches);
  if (matches.size() < 8) return std::nullopt;
  std::vector<cv::Point2f> pa;
  std::vector<cv::Point2f> pr;
  for (const cv::DMatch& m : matches) {
    pa.push_back(ka[static_cast<size_t>(m.queryIdx)].pt);
    pr.push_back(kr[static_cast<size_t>(m.trainIdx)].pt);
  }
  std::vector<uint8_t> inliers;
  const cv::Mat forward = cv::estimateAffinePartial2D(pa, pr, inliers, cv::RANSAC, 4.0);
  if (forward.empty() || cv::countNonZero(inliers) < 6) return std::nullopt;
  return inverse(cv::Matx23d(forward));
}

// Refines `w` by ECC, coarse (half size) then fine; answers the correlation, or -1 (and `w`
// unchanged) when ECC does not converge to a plausible map.
double refine(const Normalised& reg, const Normalised& app, cv::Matx23d& w) {
  const cv::TermCriteria coarse(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 60, 1e-4);
  const cv::TermCriteria fine(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 30, 1e-5);
  cv::Mat r_half;
  cv::Mat a_half;
  cv::pyrDown(reg.strength, r_half);
  cv::pyrDown(app.strength, a_half);
  cv::Mat m(2, 3, CV_32F);
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 3; ++j) m.at<float>(i, j) = static_cast<float>(w(i, j));
  }
  m.at<float>(0, 2) /= 2;
  m.at<float>(1, 2) /= 2;
  double rho = -1;
  try {
    cv::findTransformECC(r_half, a_half, m, cv::MOTION_AFFINE, coarse, cv::noArray(), 5);
    m.at<float>(0, 2) *= 2;
    m.at<float>(1, 2) *= 2;
    rho = cv::findTransformECC(reg.strength, app.strength, m, cv::MOTION_AFFINE, fine,
                               cv::noArray(), 3);
  } catch (const cv::Exception&) {
    return -1;
  }
  cv::Matx23d refined;
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 3; ++j) refined(i, j) = m.at<float>(i, j);
  }
  if (!plausible(refined)) return -1;
  w = refined;
  return rho;
}

// The application's impression brought onto the registered canvas by `w`.
Normalised warp_onto(const Normalised& app, const cv::Matx23d& w) {
  Normalised out;
  const cv::Size size = app.strength.size();
  const int inverse_map = cv::WARP_INVERSE_MAP;
  cv::warpAffine(app.strength, out.strength, w, size, cv::INTER_LINEAR | inverse_map);
  cv::warpAffine(app.mask, out.mask, w, size, cv::INTER_LINEAR | inverse_map);
  cv::threshold(out.mask, out.mask, 127, 255, cv::THRESH_BINARY);
  cv::warpAffine(app.observed, out.observed, w, size, cv::INTER_NEAREST | inverse_map);
  out.empty = false;
  return out;
}

double share(const cv::Mat& part, const cv::Mat& whole) {
  const int n = cv::countNonZero(whole);
  return n == 0 ? 0.0 : static_cast<double>(cv::countNonZero(part)) / n;
}

// The largest 8-connected piece of `part`, in pixels.
int largest_piece(const cv::Mat& part) {
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int n = cv::connectedComponentsWithStats(part, labels, stats, centroids, 8, CV_32S);
  int largest = 0;
  for (int i = 1; i < n; ++i) largest = std::max(largest, stats.at<int>(i, cv::CC_STAT_AREA));
  return largest;
}

std::string overlay_of(const cv::Mat& reg, const cv::Mat& app, const cv::Mat& observed,
                       const cv::Mat& missing, const cv::Mat& extra) {
  cv::Mat canvas(reg.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  canvas.setTo(cv::Scalar(232, 232, 232), observed == 0);
  canvas.setTo(cv::Scalar(70, 70, 70), reg | app);
  canvas.setTo(cv::Scalar(200, 110, 0), missing);  // registered only: blue
  canvas.setTo(cv::Scalar(0, 120, 240), extra);    // application only: orange
  std::vector<uint8_t> png;
  cv::imencode(".png", canvas, png);
  return {png.begin(), png.end()};
}

}  // namespace

double similarity(const Comparison& m) {
  // A logistic model of "genuine" over the logarithms of the evidence of forgery: extra ink in
  // a window and in one piece, missing ink on bare paper, missing ink overall. Fitted on the
  // tuning part of bench/seal_bench.cc's pairs by bench/seal_fit.py. The logarithms spread the
  // small shares where a changed stroke and uneven ink differ.
  constexpr double kFloor = 1e-3;
  constexpr double kBias = -52.3671;
  constexpr double kLocalExtra = -0.5498;
  constexpr double kExtraBlob = -2.4799;
  constexpr double kBlankBlob = -5.1674;
  constexpr double kMissing = -0.2968;
  const double z = kBias + kLocalExtra * std::log(m.local_extra + kFloor) +
                   kExtraBlob * std::log(m.extra_blob + kFloor) +
                   kBlankBlob * std::log(m.blank_blob + kFloor) +
                   kMissing * std::log(m.missing + kFloor);
  return 1.0 / (1.0 + std::exp(-std::clamp(z, -40.0, 40.0)));
}

core::Result<Comparison> compare(std::string_view registered_png, std::string_view candidate_png,
                                 const CompareOptions& options) {
  HUJI_ASSIGN_OR_RETURN(cv::Mat reg_bgr, detail::decode_png(registered_png, options.limits));
  HUJI_ASSIGN_OR_RETURN(cv::Mat app_bgr, detail::decode_png(candidate_png, options.limits));
  const detail::Ink reg_ink = detail::extract_ink(detail::to_working_size(reg_bgr));
  const detail::Ink app_ink = detail::extract_ink(detail::to_working_size(app_bgr));
  const Normalised reg_small = normalise(reg_ink, kSide);
  const Normalised app_small = normalise(app_ink, kSide);
  Comparison c;
  if (detail::is_blank(reg_ink) || reg_small.empty) {
    return core::Error::invalid("seal.image_blank", "印鑑影像中看不到印文",
                                "The seal image shows no impression");
  }
  if (app_small.empty) return c;  // no ink on the application: nothing to compare (ambiguous)

  cv::Matx23d w(1, 0, 0, 0, 1, 0);
  double rho = -1;
  if (options.alignment != Alignment::kFeatures) {
    w = coarse_search(reg_small, app_small);
    rho = refine(reg_small, app_small, w);
    c.used = Alignment::kEcc;
  }
  if (options.alignment != Alignment::kEcc) {
    if (const auto found = feature_search(reg_small, app_small)) {
      cv::Matx23d wf = *found;
      const double rho_f = refine(reg_small, app_small, wf);
      if (rho_f > rho || options.alignment == Alignment::kFeatures) {
        w = wf;
        rho = rho_f;
        c.used = Alignment::kFeatures;
      }
    }
  }
  c.correlation = std::max(0.0, rho);
  // The same map on the scoring canvas, whose coordinates are the alignment's scaled.
  const double f = static_cast<double>(kScoreSide) / kSide;
  w(0, 2) *= f;
  w(1, 2) *= f;
  const Normalised reg = normalise(reg_ink, kScoreSide);
  const Normalised app = warp_onto(normalise(app_ink, kScoreSide), w);

  cv::Mat dist_reg;
  cv::Mat dist_app;
  cv::distanceTransform(~reg.mask, dist_reg, cv::DIST_L2, 3);
  cv::distanceTransform(~app.mask, dist_app, cv::DIST_L2, 3);
  const cv::Mat far_from_reg = dist_reg > options.tolerance_px;
  const cv::Mat far_from_app = dist_app > options.tolerance_px;
  const cv::Mat reg_seen = reg.mask & app.observed;
  const cv::Mat extra = app.mask & far_from_reg;
  const cv::Mat missing = reg_seen & far_from_app;

  c.extra = share(extra, app.mask);
  c.missing = share(missing, reg_seen);
  c.coverage = share(reg_seen, reg.mask);
  const int reg_seen_n = cv::countNonZero(reg_seen);
  c.ink_ratio = reg_seen_n == 0
                    ? 0.0
                    : std::min(1.0, static_cast<double>(cv::countNonZero(app.mask)) / reg_seen_n);
  cv::Mat extra_sum;
  cv::Mat reg_sum;
  const cv::Size window(kLocalWindow, kLocalWindow);
  cv::boxFilter(extra / 255, extra_sum, CV_32F, window, cv::Point(-1, -1), false);
  cv::boxFilter(reg.mask / 255, reg_sum, CV_32F, window, cv::Point(-1, -1), false);
  double extra_peak = 0;
  double reg_peak = 0;
  cv::minMaxLoc(extra_sum, nullptr, &extra_peak);
  cv::minMaxLoc(reg_sum, nullptr, &reg_peak);
  c.local_extra = reg_peak > 0 ? std::min(1.0, extra_peak / reg_peak) : 0.0;
  const double reg_n = std::max(1, cv::countNonZero(reg.mask));
  c.extra_blob = largest_piece(extra) / reg_n;
  c.missing_blob = largest_piece(missing) / reg_n;
  // Paper's own level on the application, and what clearly rises above it near each pixel.
  cv::Mat paper_mask = app.observed & ~app.mask;
  cv::Mat dilated_paper;
  cv::erode(paper_mask, dilated_paper, cv::Mat(), cv::Point(-1, -1), 3);
  const double paper = cv::mean(app.strength, dilated_paper)[0];
  cv::Mat near_max;
  const int reach = 2 * static_cast<int>(std::ceil(options.tolerance_px)) + 1;
  cv::dilate(app.strength, near_max,
             cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(reach, reach)));
  const cv::Mat bare = near_max < paper + kFaintInk;
  c.blank_blob = largest_piece(missing & bare) / reg_n;
  c.score = similarity(c);
  if (options.overlay) c.overlay_png = overlay_of(reg.mask, app.mask, app.observed, missing, extra);
  return c;
}

}  // namespace huji::seal
