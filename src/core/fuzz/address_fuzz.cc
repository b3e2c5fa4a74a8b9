// libFuzzer target: Address::parse on arbitrary bytes. Whatever parses must re-parse from
// format() to an equal value whose format() is the same text; errors must carry a code and
// valid UTF-8 messages. Run through scripts/fuzz.sh.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/address.h"
#include "core/utf8.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return s[0] != '0';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using huji::core::Address;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  huji::core::Result<Address> r = Address::parse(text);
  if (!r.ok()) {
    const huji::core::Error& e = r.error();
    check(e.code.rfind("address.", 0) == 0);
    check(huji::core::utf8::is_valid(e.message_zh) && huji::core::utf8::is_valid(e.message_en));
    return 0;
  }
  const Address& a = *r;
  check(huji::core::find_county(a.county) != nullptr);
  check(!huji::core::find_district(*huji::core::find_county(a.county), a.district).empty());
  check(!a.number.empty());
  check(!a.road.empty() || (!a.village.empty() && !a.neighborhood.empty()));
  for (const std::string* part : {&a.neighborhood, &a.section, &a.lane, &a.alley}) {
    check(part->empty() || all_digits(*part));
  }
  const std::string canonical = a.format();
  check(huji::core::utf8::is_valid(canonical));
  huji::core::Result<Address> again = Address::parse(canonical);
  check(again.ok());
  check(*again == a);
  check(again->format() == canonical);
  return 0;
}
