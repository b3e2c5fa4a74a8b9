#ifndef HUJI_VOICE_ESPEAK_SYNTHESIZER_H_
#define HUJI_VOICE_ESPEAK_SYNTHESIZER_H_

// service::Synthesizer on libespeak-ng, in process and offline (Debian's espeak-ng-data). The
// library keeps one global engine: every call holds a process-wide lock, and the engine is
// set up at the first. The Announcer synthesises each phrase once, so this is rarely called.

#include "service/announcer.h"

namespace huji::voice {

class EspeakSynthesizer : public service::Synthesizer {
 public:
  core::Result<service::wav::Samples> speak(const std::string& voice,
                                            const std::string& text) override;
};

}  // namespace huji::voice

#endif  // HUJI_VOICE_ESPEAK_SYNTHESIZER_H_
