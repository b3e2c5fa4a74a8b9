#ifndef HUJI_DOMAIN_QUEUE_ANNOUNCEMENT_H_
#define HUJI_DOMAIN_QUEUE_ANNOUNCEMENT_H_

// What the lobby says for a call (issue 20 item 5), from a closed phrase table: 「請 2 0 0 1 號
// 到 3 號櫃台」 in Mandarin (cmn), Hakka (hak) and 台語 (nan), "Number 2 0 0 1, please go to
// counter 3" in English (en); numbers are read digit by digit. Each phrase has the romanised
// text espeak-ng reads (Debian's voices cannot read Han characters): Mandarin as
// tone-numbered pinyin for the cmn-latn-pinyin voice, Hakka in Pha̍k-fa-sṳ for the hak voice,
// English for en. 台語 has no voice: it is spoken only from an office's recorded clips.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace huji::domain::queue {

// Languages, in the order a call is announced: Mandarin, Hakka, English (and 台語 when an
// office has recorded it).
inline constexpr std::string_view kLanguages[] = {"cmn", "hak", "en", "nan"};

// The phrases: "please", "number", "to_counter", "counter" and the digits "0"…"9".
inline constexpr std::string_view kPhrases[] = {
    "please", "number", "to_counter", "counter", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

bool known_language(std::string_view lang);
bool known_phrase(std::string_view phrase);

// The espeak-ng voice of `lang`, or nothing (nan).
std::optional<std::string> voice_of(std::string_view lang);
// The text espeak-ng reads for `phrase` in `lang` ("" for a phrase the language does not use).
std::string phrase_text(std::string_view lang, std::string_view phrase);

// The phrases announcing ticket `number` at `counter`, in order; nothing when the language is
// unknown, the number is not 1–9999 or the counter not 1–4 digits.
std::optional<std::vector<std::string>> announcement(std::string_view lang, int number,
                                                     std::string_view counter);

}  // namespace huji::domain::queue

#endif  // HUJI_DOMAIN_QUEUE_ANNOUNCEMENT_H_
