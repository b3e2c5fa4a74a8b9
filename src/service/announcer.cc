#include "service/announcer.h"

#include "domain/queue/announcement.h"
#include "service/errors.h"

namespace huji::service {

namespace q = domain::queue;
using core::Error;
using core::Result;

namespace {

// A short pause between phrases (80 ms) so that joined clips do not run together.
constexpr size_t kGap = wav::kRate * 80 / 1000;

bool admin(const Actor& a) { return a.role == domain::Role::kAdmin; }

Error bad_clip_name(const std::string& lang, const std::string& phrase) {
  const std::string name = lang + "/" + phrase;
  return Error::invalid("voice.phrase", "無此語言或詞組：" + name,
                        "no such language or phrase: " + name);
}

}  // namespace

Result<std::shared_ptr<const std::string>> Announcer::announcement(const std::string& office,
                                                                   const std::string& lang,
                                                                   int number,
                                                                   const std::string& counter) {
  const auto phrases = q::announcement(lang, number, counter);
  if (!phrases) {
    return Error::invalid("voice.announcement",
                          "語言須為 cmn、hak、en 或 nan，號碼 1–9999，櫃台 1–4 位數字",
                          "the language must be cmn, hak, en or nan, the number 1–9999 and the "
                          "counter 1–4 digits");
  }
  const std::string key = office + "/" + lang + "/" + std::to_string(number) + "/" + counter;
  {
    std::lock_guard lock(mu_);
    if (auto it = announcements_.find(key); it != announcements_.end()) return it->second;
  }
  std::map<std::string, wav::Samples> recorded;
  {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
    HUJI_ASSIGN_OR_RETURN(auto clips, tx->voice_clips(office, lang, true));
    for (auto& c : clips) {
      if (auto samples = wav::decode(c.wav)) recorded[c.phrase] = std::move(*samples);
    }
  }
  wav::Samples joined;
  for (const auto& p : *phrases) {
    if (!joined.empty()) joined.insert(joined.end(), kGap, 0);
    if (auto it = recorded.find(p); it != recorded.end()) {
      joined.insert(joined.end(), it->second.begin(), it->second.end());
      continue;
    }
    if (!q::voice_of(lang)) {
      std::string name = lang;
      name.append("/").append(p);
      return Error::not_found("voice.not_recorded", "此語言的詞組尚未錄製：" + name,
                              "this language's phrase has not been recorded: " + name);
    }
    HUJI_ASSIGN_OR_RETURN(auto samples, synthesised(lang, p));
    joined.insert(joined.end(), samples->begin(), samples->end());
  }
  auto made = std::make_shared<const std::string>(wav::encode(joined));
  std::lock_guard lock(mu_);
  if (announcements_.emplace(key, made).second) {
    made_.push_back(key);
    if (made_.size() > kCachedAnnouncements) {
      announcements_.erase(made_.front());
      made_.pop_front();
    }
  }
  return made;
}

Result<std::shared_ptr<const wav::Samples>> Announcer::synthesised(const std::string& lang,
                                                                   const std::string& phrase) {
  const std::string key = lang + "/" + phrase;
  // Under the lock: the synthesiser is one engine, and a phrase is made only once.
  std::lock_guard lock(mu_);
  if (auto it = phrases_.find(key); it != phrases_.end()) return it->second;
  if (!synth_) {
    return Error::unavailable("voice.unavailable", "語音合成未啟用",
                              "speech synthesis is not available");
  }
  HUJI_ASSIGN_OR_RETURN(auto samples,
                        synth_->speak(*q::voice_of(lang), q::phrase_text(lang, phrase)));
  auto shared = std::make_shared<const wav::Samples>(std::move(samples));
  phrases_[key] = shared;
  return shared;
}

void Announcer::forget_announcements(const std::string& office) {
  std::lock_guard lock(mu_);
  const std::string prefix = office + "/";
  for (auto it = made_.begin(); it != made_.end();) {
    if (it->rfind(prefix, 0) == 0) {
      announcements_.erase(*it);
      it = made_.erase(it);
    } else {
      ++it;
    }
  }
}

Result<std::vector<VoiceClip>> Announcer::clips(const Actor& actor, const std::string& lang) {
  if (!admin(actor)) return errors::forbidden("voice clips");
  if (!lang.empty() && !q::known_language(lang)) return bad_clip_name(lang, "");
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  return tx->voice_clips(actor.office_code, lang, false);
}

Result<VoiceClip> Announcer::clip(const Actor& actor, const std::string& lang,
                                  const std::string& phrase) {
  if (!admin(actor)) return errors::forbidden("voice clips");
  if (!q::known_language(lang) || !q::known_phrase(phrase)) return bad_clip_name(lang, phrase);
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto clips, tx->voice_clips(actor.office_code, lang, true));
  for (auto& c : clips) {
    if (c.phrase == phrase) return std::move(c);
  }
  return Error::not_found("voice.no_clip", "此詞組沒有錄音", "no clip is recorded for this phrase");
}

core::Status Announcer::put_clip(const Actor& actor, const std::string& lang,
                                 const std::string& phrase, std::string wav_bytes) {
  if (!admin(actor)) return errors::forbidden("voice clips");
  if (!q::known_language(lang) || !q::known_phrase(phrase)) return bad_clip_name(lang, phrase);
  if (wav_bytes.size() > kMaxClipBytes) {
    return Error::invalid("voice.clip_too_large", "錄音檔不得超過 1 MiB",
                          "a clip may not exceed 1 MiB");
  }
  const auto samples = wav::decode(wav_bytes);
  if (!samples || samples->empty()) {
    return Error::invalid("voice.not_wav", "錄音須為 WAV（PCM 16 位元，8–48 kHz，單或雙聲道）",
                          "a clip must be a WAV file (16-bit PCM, 8–48 kHz, mono or stereo)");
  }
  VoiceClip c{actor.office_code, lang,           phrase, std::move(wav_bytes), 0,
              actor.username,    clock_.now_ms()};
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_TRY(tx->put_voice_clip(c));
  HUJI_TRY(tx->commit());
  forget_announcements(actor.office_code);
  return {};
}

core::Status Announcer::delete_clip(const Actor& actor, const std::string& lang,
                                    const std::string& phrase) {
  if (!admin(actor)) return errors::forbidden("voice clips");
  if (!q::known_language(lang) || !q::known_phrase(phrase)) return bad_clip_name(lang, phrase);
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(bool deleted, tx->delete_voice_clip(actor.office_code, lang, phrase));
  if (!deleted) {
    return Error::not_found("voice.no_clip", "此詞組沒有錄音",
                            "no clip is recorded for this phrase");
  }
  HUJI_TRY(tx->commit());
  forget_announcements(actor.office_code);
  return {};
}

}  // namespace huji::service
