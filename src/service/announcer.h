#ifndef HUJI_SERVICE_ANNOUNCER_H_
#define HUJI_SERVICE_ANNOUNCER_H_

// The lobby's voice (issue 20 item 5): one WAV per call, language, number and counter, joined
// from the phrases of domain/queue/announcement.h. A phrase is the office's recorded clip when
// an admin uploaded one (any language, 台語 included), else synthesised offline (Synthesizer:
// espeak-ng) once and kept in memory; 台語 has no voice, so it is announced only when every
// phrase it needs is recorded. Joined announcements are cached too (bounded), and dropped when
// the office's clips change.

#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/actor.h"
#include "service/queue_records.h"
#include "service/store.h"
#include "service/wav.h"

namespace huji::service {

// Speech from romanised text (voices and texts: domain/queue/announcement.h), at wav::kRate.
class Synthesizer {
 public:
  virtual ~Synthesizer() = default;
  virtual core::Result<wav::Samples> speak(const std::string& voice, const std::string& text) = 0;
};

class Announcer {
 public:
  static constexpr size_t kMaxClipBytes = size_t{1} << 20;
  static constexpr size_t kCachedAnnouncements = 512;

  // `synth` may be null: only recorded clips are spoken.
  Announcer(Store& store, const core::Clock& clock, Synthesizer* synth)
      : store_(store), clock_(clock), synth_(synth) {}

  // The WAV announcing `number` at `counter` in `lang` in `office`'s lobby.
  core::Result<std::shared_ptr<const std::string>> announcement(const std::string& office,
                                                                const std::string& lang, int number,
                                                                const std::string& counter);

  // The admin's office's clips (`lang` "" all), without their bytes.
  core::Result<std::vector<VoiceClip>> clips(const Actor& actor, const std::string& lang);
  core::Result<VoiceClip> clip(const Actor& actor, const std::string& lang,
                               const std::string& phrase);
  core::Status put_clip(const Actor& actor, const std::string& lang, const std::string& phrase,
                        std::string wav_bytes);
  core::Status delete_clip(const Actor& actor, const std::string& lang, const std::string& phrase);

 private:
  core::Result<std::shared_ptr<const wav::Samples>> synthesised(const std::string& lang,
                                                                const std::string& phrase);
  void forget_announcements(const std::string& office);

  Store& store_;
  const core::Clock& clock_;
  Synthesizer* synth_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const wav::Samples>> phrases_;  // "lang/phrase"
  // "office/lang/number/counter", least recently made first.
  std::map<std::string, std::shared_ptr<const std::string>> announcements_;
  std::list<std::string> made_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_ANNOUNCER_H_
