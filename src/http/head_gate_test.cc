#include "http/head_gate.h"

#include <gtest/gtest.h>

namespace huji::http {
namespace {

// Refuses a head whose target is /refuse, or which declares a body over 10 bytes.
class TestCheck : public HeadCheck {
 public:
  std::optional<std::string> refuse(const SeenHead& head) const override {
    seen.push_back(std::string(head.method()) + " " + std::string(head.target()) + " " +
                   std::string(head.find("x-test").value_or("-")));
    if (head.target() == "/refuse" || head.content_length().value_or(0) > 10) {
      return std::string("STAND-IN");
    }
    return std::nullopt;
  }
  std::string malformed(http_errno error) const override {
    return std::string("MALFORMED ") + http_errno_name(error);
  }
  mutable std::vector<std::string> seen;
};

// Feeds `input` in pieces of `step` bytes.
std::string through(HeadGate& gate, std::string_view input, size_t step) {
  std::string out;
  for (size_t i = 0; i < input.size(); i += step) {
    gate.feed(input.data() + i, std::min(step, input.size() - i), out);
  }
  return out;
}

TEST(HeadGate, PassesRequestsUnchangedWhateverTheirSplit) {
  const std::string input =
      "GET /a HTTP/1.1\r\nHost: x\r\nX-Test: 1\r\n\r\n"
      "POST /b HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
      "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
      "GET /d HTTP/1.1\r\n\r\n";
  for (size_t step : {size_t{1}, size_t{2}, size_t{7}, input.size()}) {
    TestCheck check;
    HeadGate gate(check);
    EXPECT_EQ(through(gate, input, step), input) << step;
    EXPECT_EQ(check.seen,
              (std::vector<std::string>{"GET /a 1", "POST /b -", "POST /c -", "GET /d -"}))
        << step;
    EXPECT_FALSE(gate.refused());
  }
}

// After an upgrade request (a WebSocket's handshake) the bytes are another protocol's: they
// pass as they come, however they are split, even where they are not HTTP. Failed on the old
// gate, which parsed WebSocket frames as a next request and answered them as malformed.
TEST(HeadGate, PassesWhatFollowsAnUpgradeAsItIs) {
  const std::string head =
      "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
  const std::string frames("\x81\x85\x01\x02\x03\x04iggkn\x88\x80\0\0\0\0GET", 20);
  for (size_t step : {size_t{1}, size_t{5}, head.size() + frames.size()}) {
    TestCheck check;
    HeadGate gate(check);
    EXPECT_EQ(through(gate, head + frames, step), head + frames) << step;
    EXPECT_FALSE(gate.refused());
    EXPECT_EQ(check.seen, (std::vector<std::string>{"GET /ws -"}));
  }
}

TEST(HeadGate, HoldsAHeadUntilItIsComplete) {
  TestCheck check;
  HeadGate gate(check);
  std::string out;
  gate.feed("GET /a HT", 9, out);
  EXPECT_EQ(out, "");
  EXPECT_TRUE(gate.holding());
  gate.feed("TP/1.1\r\n\r\n", 10, out);
  EXPECT_EQ(out, "GET /a HTTP/1.1\r\n\r\n");
}

TEST(HeadGate, AfterARefusalOnlyTheStandInGoesOn) {
  for (size_t step : {size_t{1}, size_t{1000}}) {
    TestCheck check;
    HeadGate gate(check);
    const std::string input =
        "GET /a HTTP/1.1\r\n\r\n"
        "POST /big HTTP/1.1\r\nContent-Length: 100000\r\n\r\nxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "GET /after HTTP/1.1\r\n\r\n";
    EXPECT_EQ(through(gate, input, step), "GET /a HTTP/1.1\r\n\r\nSTAND-IN") << step;
    EXPECT_TRUE(gate.refused());
    EXPECT_EQ(check.seen.size(), 2u);
  }
}

TEST(HeadGate, BytesThatAreNotHttpAreMalformed) {
  TestCheck check;
  HeadGate gate(check);
  std::string out;
  gate.feed("\x16\x03\x01\x02\x00", 5, out);  // a TLS ClientHello
  EXPECT_EQ(out.rfind("MALFORMED ", 0), 0u) << out;
  EXPECT_TRUE(gate.refused());
  TestCheck check2;
  HeadGate gate2(check2);
  std::string out2;
  const std::string bad = "GET / HTTP/1.1\r\nBad Header\r\n\r\n";
  gate2.feed(bad.data(), bad.size(), out2);
  EXPECT_EQ(out2.rfind("MALFORMED ", 0), 0u) << out2;
}

TEST(HeadGate, EndlessBlankLinesAreRefused) {
  TestCheck check;
  HeadGate gate(check);
  std::string out;
  const std::string blank(size_t{64} * 1024, '\n');
  for (int i = 0; i < 4 && !gate.refused(); ++i) gate.feed(blank.data(), blank.size(), out);
  EXPECT_TRUE(gate.refused());
  EXPECT_EQ(out, "MALFORMED HPE_HEADER_OVERFLOW");
}

}  // namespace
}  // namespace huji::http
