#include "service/wav.h"

#include <algorithm>
#include <cstring>

namespace huji::service::wav {

namespace {

uint32_t u32(std::string_view s, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}
uint16_t u16(std::string_view s, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(s[at]) |
                               static_cast<unsigned char>(s[at + 1]) << 8);
}
void put32(std::string& s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void put16(std::string& s, uint16_t v) {
  s.push_back(static_cast<char>(v & 0xff));
  s.push_back(static_cast<char>(v >> 8));
}

}  // namespace

std::optional<Samples> decode(std::string_view b) {
  if (b.size() < 12 || b.substr(0, 4) != "RIFF" || b.substr(8, 4) != "WAVE") return std::nullopt;
  int channels = 0;
  uint32_t rate = 0;
  int bits = 0;
  for (size_t at = 12; at + 8 <= b.size();) {
    const std::string_view id = b.substr(at, 4);
    const uint32_t declared = u32(b, at + 4);
    const size_t body = at + 8;
    // A streamed header (espeak-ng's) declares more than there is: the rest is the data.
    const size_t size = std::min<size_t>(declared, b.size() - body);
    if (id == "fmt ") {
      if (size < 16 || u16(b, body) != 1) return std::nullopt;  // PCM only
      channels = u16(b, body + 2);
      rate = u32(b, body + 4);
      bits = u16(b, body + 14);
    } else if (id == "data") {
      if (bits != 16 || (channels != 1 && channels != 2) || rate < 8000 || rate > 48000) {
        return std::nullopt;
      }
      const size_t frames = size / (2 * static_cast<size_t>(channels));
      Samples in(frames);
      for (size_t i = 0; i < frames; ++i) {
        int sum = 0;
        for (int c = 0; c < channels; ++c) {
          sum += static_cast<int16_t>(u16(b, body + 2 * (i * channels + c)));
        }
        in[i] = static_cast<int16_t>(sum / channels);
      }
      if (rate == kRate || in.empty()) return in;
      // Linear interpolation to kRate.
      const size_t n = frames * kRate / rate;
      Samples out(n);
      for (size_t i = 0; i < n; ++i) {
        const double x = static_cast<double>(i) * rate / kRate;
        const auto j = static_cast<size_t>(x);
        const double f = x - static_cast<double>(j);
        const int16_t a = in[std::min(j, frames - 1)];
        const int16_t c = in[std::min(j + 1, frames - 1)];
        out[i] = static_cast<int16_t>(a + (c - a) * f);
      }
      return out;
    }
    at = body + size + (size & 1);
  }
  return std::nullopt;
}

std::string encode(const Samples& samples) {
  const auto data = static_cast<uint32_t>(samples.size() * 2);
  std::string s;
  s.reserve(44 + data);
  s += "RIFF";
  put32(s, 36 + data);
  s += "WAVEfmt ";
  put32(s, 16);
  put16(s, 1);  // PCM
  put16(s, 1);  // mono
  put32(s, kRate);
  put32(s, kRate * 2);
  put16(s, 2);
  put16(s, 16);
  s += "data";
  put32(s, data);
  for (int16_t v : samples) put16(s, static_cast<uint16_t>(v));
  return s;
}

}  // namespace huji::service::wav
