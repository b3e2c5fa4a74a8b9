// libFuzzer target: IdNumber::parse on arbitrary bytes. Whatever parses must re-parse from
// str() to an equal value and satisfy the type's invariants; errors must carry a code and
// valid UTF-8 messages. Run through scripts/fuzz.sh.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/id_number.h"
#include "core/utf8.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using huji::core::IdKind;
  using huji::core::IdNumber;
  using huji::core::Sex;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  huji::core::Result<IdNumber> r = IdNumber::parse(text);
  if (!r.ok()) {
    const huji::core::Error& e = r.error();
    check(e.code.rfind("id_number.", 0) == 0);
    check(huji::core::utf8::is_valid(e.message_zh) && huji::core::utf8::is_valid(e.message_en));
    return 0;
  }
  const IdNumber& id = *r;
  check(id.str().size() == 10);
  check(IdNumber::region_name(id.region_letter()) != nullptr);
  const char second = id.str()[1];
  check(id.legacy_resident() == (second >= 'A' && second <= 'D'));
  check((id.kind() == IdKind::kCitizen) == (second == '1' || second == '2'));
  check((id.sex() == Sex::kMale) ==
        (second == '1' || second == '8' || second == 'A' || second == 'C'));
  huji::core::Result<IdNumber> again = IdNumber::parse(id.str());
  check(again.ok() && *again == id);
  if (!id.legacy_resident()) {
    uint32_t serial = 0;
    for (size_t i = 2; i <= 8; ++i) serial = serial * 10 + static_cast<uint32_t>(id.str()[i] - '0');
    check(IdNumber::make(id.region_letter(), second - '0', serial) == id);
  }
  return 0;
}
