#include "voice/espeak_synthesizer.h"

#include <espeak-ng/speak_lib.h>

#include <mutex>

namespace huji::voice {

namespace {

std::mutex& engine_lock() {
  static std::mutex m;
  return m;
}

// Appends what the engine made to the Samples its call was given.
int collect(short* samples, int n, espeak_EVENT* events) {
  if (samples != nullptr && n > 0 && events != nullptr) {
    auto* out = static_cast<service::wav::Samples*>(events->user_data);
    out->insert(out->end(), samples, samples + n);
  }
  return 0;
}

core::Error failed(const std::string& what) {
  return core::Error::unavailable("voice.synthesis", "語音合成失敗：" + what,
                                  "speech synthesis failed: " + what);
}

}  // namespace

core::Result<service::wav::Samples> EspeakSynthesizer::speak(const std::string& voice,
                                                             const std::string& text) {
  std::lock_guard lock(engine_lock());
  static int rate = 0;
  if (rate == 0) {
    rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
    if (rate <= 0) {
      rate = 0;
      return failed("espeak-ng could not start (espeak-ng-data installed?)");
    }
    espeak_SetSynthCallback(collect);
  }
  if (rate != service::wav::kRate) return failed("unexpected sample rate " + std::to_string(rate));
  if (espeak_SetVoiceByName(voice.c_str()) != EE_OK) return failed("no voice " + voice);
  service::wav::Samples out;
  const espeak_ERROR e = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                      espeakCHARS_UTF8, nullptr, &out);
  if (e != EE_OK || espeak_Synchronize() != EE_OK) return failed("synthesis of " + voice);
  return out;
}

}  // namespace huji::voice
