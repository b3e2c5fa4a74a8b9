#include "render/pango_lock.h"

namespace huji::render {

std::mutex& pango_mutex() {
  static std::mutex m;
  return m;
}

}  // namespace huji::render

// Fontconfig, Cairo and Pango keep process-wide caches (fonts, glyphs, the font map) that they
// never free: LeakSanitizer, in sanitized builds, is told so here, in the object every program
// that renders links, instead of in each test command's environment.
extern "C" const char* __lsan_default_suppressions();   // NOLINT(bugprone-reserved-identifier)
extern "C" const char* __lsan_default_suppressions() {  // NOLINT(bugprone-reserved-identifier)
  return "leak:libfontconfig.so\nleak:libcairo.so\nleak:libpango-1.0.so\n"
         "leak:libpangoft2-1.0.so\nleak:libpangocairo-1.0.so\nleak:libglib-2.0.so\n"
         "leak:libgobject-2.0.so\nleak:libharfbuzz.so\nleak:libfreetype.so\n";
}
