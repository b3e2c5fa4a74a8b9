#ifndef HUJI_DOMAIN_DOCUMENTS_PHOTO_H_
#define HUJI_DOMAIN_DOCUMENTS_PHOTO_H_

// The photo file (相片影像檔) kept with an ID card issue: a PNG or JPEG whose header is read
// (type and pixel size) before it is stored. The bytes are kept as given.

#include <string_view>

#include "core/result.h"

namespace huji::domain {

inline constexpr size_t kMaxPhotoBytes = size_t{2} << 20;  // 2 MiB
// A card photo is 35 × 45 mm; scanned at 300 dpi that is 413 × 531 px. Anything much smaller
// cannot be printed on a card; anything larger than a camera's frame is not a photo file.
inline constexpr int kMinPhotoSide = 200;
inline constexpr int kMaxPhotoSide = 6000;

struct PhotoInfo {
  const char* mime = "";  // image/png | image/jpeg
  int width = 0;
  int height = 0;
};

// The photo's type and size, read from its header; `declared` is the Content-Type it came
// with. Errors: 400 id_card.photo_type (not PNG or JPEG, or not what was declared),
// id_card.photo_corrupt (no readable header), id_card.photo_size (pixels out of range); 413
// id_card.photo_too_large (over kMaxPhotoBytes).
core::Result<PhotoInfo> inspect_photo(std::string_view bytes, std::string_view declared);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_DOCUMENTS_PHOTO_H_
