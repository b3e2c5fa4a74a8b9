#ifndef HUJI_SERVICE_WAV_H_
#define HUJI_SERVICE_WAV_H_

// WAV as the lobby announcer uses it (issue 20 item 5): 16-bit PCM, mono, kRate Hz. Clips an
// office uploads are read as RIFF/WAVE PCM 16-bit, mono or stereo, 8–48 kHz, and brought to
// that form; espeak-ng's output (22050 Hz mono, with a streamed header whose sizes are
// unknown) is read the same way.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace huji::service::wav {

inline constexpr int kRate = 22050;
using Samples = std::vector<int16_t>;

// The samples of a WAV file at kRate mono, or nothing when it is not a WAV this reads.
std::optional<Samples> decode(std::string_view bytes);
// A WAV file of the samples.
std::string encode(const Samples& samples);

}  // namespace huji::service::wav

#endif  // HUJI_SERVICE_WAV_H_
