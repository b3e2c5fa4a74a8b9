#ifndef HUJI_RENDER_PANGO_LOCK_H_
#define HUJI_RENDER_PANGO_LOCK_H_

// Fontconfig's first use loads the font cache and Pango's font map is process-wide: the
// renderers (letters, transcripts) draw one document at a time, all of them under this one
// lock, so that a letter and a transcript rendered at once stay out of each other's way.

#include <mutex>

namespace huji::render {

std::mutex& pango_mutex();

}  // namespace huji::render

#endif  // HUJI_RENDER_PANGO_LOCK_H_
