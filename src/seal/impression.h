#ifndef HUJI_SEAL_IMPRESSION_H_
#define HUJI_SEAL_IMPRESSION_H_

// The image of a seal impression (印鑑印影) as clients send it: a PNG, checked once at the
// boundary before anything stores or compares it.

#include <cstddef>
#include <string_view>

#include "core/result.h"

namespace huji::seal {

// What an accepted PNG may be. A scan of a seal at 300-600 dpi is a few hundred pixels a side;
// the limits leave room for that and refuse what would only cost memory.
struct PngLimits {
  size_t max_bytes = 2u << 20;  // 2 MiB
  int max_side = 2000;          // pixels, either side (checked before decoding)
  int min_side = 48;
};

struct PngInfo {
  int width = 0;
  int height = 0;
  double ink_share = 0;  // share of the pixels that are ink after binarisation
};

// Accepts `bytes` when they are a PNG within `limits` that decodes and shows some ink.
// Errors (all kInvalidArgument): seal.image_missing, seal.image_not_png, seal.image_too_large,
// seal.image_size, seal.image_undecodable, seal.image_blank.
core::Result<PngInfo> check_png(std::string_view bytes, const PngLimits& limits = {});

}  // namespace huji::seal

#endif  // HUJI_SEAL_IMPRESSION_H_
