#include "domain/documents/photo.h"

#include <cstdint>
#include <optional>
#include <string>

namespace huji::domain {

namespace {

using core::Error;

constexpr std::string_view kPngSignature("\x89PNG\r\n\x1A\n", 8);

uint32_t big_endian(std::string_view b, size_t at, int bytes) {
  uint32_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

// PNG: the signature, then the IHDR chunk holding width and height.
std::optional<PhotoInfo> png(std::string_view b) {
  if (b.size() < 24 || b.substr(12, 4) != "IHDR") return std::nullopt;
  return PhotoInfo{"image/png", static_cast<int>(big_endian(b, 16, 4)),
                   static_cast<int>(big_endian(b, 20, 4))};
}

// JPEG: segments after SOI until a start-of-frame marker (SOF0–SOF15 but DHT, JPG, DAC),
// which holds height then width.
std::optional<PhotoInfo> jpeg(std::string_view b) {
  size_t at = 2;
  while (at + 4 <= b.size()) {
    if (static_cast<unsigned char>(b[at]) != 0xFF) return std::nullopt;
    const auto marker = static_cast<unsigned char>(b[at + 1]);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    const size_t length = big_endian(b, at + 2, 2);
    if (length < 2) return std::nullopt;
    const bool sof =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (at + 9 > b.size()) return std::nullopt;
      return PhotoInfo{"image/jpeg", static_cast<int>(big_endian(b, at + 7, 2)),
                       static_cast<int>(big_endian(b, at + 5, 2))};
    }
    if (marker == 0xDA || marker == 0xD9) return std::nullopt;  // scan or end before a frame
    at += 2 + length;
  }
  return std::nullopt;
}

}  // namespace

core::Result<PhotoInfo> inspect_photo(std::string_view bytes, std::string_view declared) {
  if (bytes.size() > kMaxPhotoBytes) {
    return Error::too_large("id_card.photo_too_large", "相片影像檔不得超過 2 MiB",
                            "the photo file may not exceed 2 MiB");
  }
  const bool is_png = bytes.substr(0, 8) == kPngSignature;
  const bool is_jpeg = bytes.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3);
  if ((!is_png && !is_jpeg) || declared != (is_png ? "image/png" : "image/jpeg")) {
    return Error::invalid("id_card.photo_type",
                          "相片須為 PNG 或 JPEG 檔，且與宣告的 Content-Type 相符",
                          "the photo must be a PNG or JPEG file matching its Content-Type");
  }
  auto info = is_png ? png(bytes) : jpeg(bytes);
  if (!info) {
    return Error::invalid("id_card.photo_corrupt", "無法讀取相片檔頭，檔案可能毀損",
                          "the photo's header cannot be read; the file may be damaged");
  }
  if (info->width < kMinPhotoSide || info->height < kMinPhotoSide || info->width > kMaxPhotoSide ||
      info->height > kMaxPhotoSide) {
    return Error::invalid("id_card.photo_size",
                          "相片尺寸須在 " + std::to_string(kMinPhotoSide) + " 至 " +
                              std::to_string(kMaxPhotoSide) + " 像素之間",
                          "the photo must be " + std::to_string(kMinPhotoSide) + " to " +
                              std::to_string(kMaxPhotoSide) + " pixels a side");
  }
  return *info;
}

}  // namespace huji::domain
