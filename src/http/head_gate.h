#ifndef HUJI_HTTP_HEAD_GATE_H_
#define HUJI_HTTP_HEAD_GATE_H_

// Looks at every request's head before RESTinio does. RESTinio 0.6 calls a handler only once
// the whole request, body included, is in memory, and closes the connection without an answer
// on anything its parser refuses. HeadGate sits between the socket and RESTinio's parser
// (gated_socket.h): it runs its own http_parser over the bytes the client sends, holds each
// request's head back until it is complete, and asks a HeadCheck about it. A head the check
// lets pass goes on to RESTinio unchanged, its body after it as it comes. For a head it
// refuses (no route, no token, a declared body over the route's limit, a head over the limits)
// — and for bytes that are not HTTP — RESTinio is given instead a short request of the check's
// making, which the dispatcher answers with the refusal and `Connection: close`; what the
// client sends afterwards is read and thrown away. So a refused body is never held in memory,
// and the answer comes as soon as the head is in, in its turn after the answers to requests
// pipelined before it.

#include <http_parser.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace huji::http {

// A request's head as the gate has seen it.
class SeenHead {
 public:
  std::string_view method() const { return method_; }
  std::string_view target() const;
  size_t field_count() const { return fields_.size(); }
  std::string_view name(size_t i) const;
  std::string_view value(size_t i) const;
  // The value of the first field named `name` (case-insensitive), or nothing.
  std::optional<std::string_view> find(std::string_view name) const;
  // The declared Content-Length, or nothing; whether the body is chunked.
  std::optional<uint64_t> content_length() const { return content_length_; }
  bool chunked() const { return chunked_; }

 private:
  friend class HeadGate;
  struct Field {
    size_t name_at = 0, name_size = 0, value_at = 0, value_size = 0;
  };
  void clear();

  std::string_view method_;
  std::string text_;  // the target, then names and values, back to back
  size_t target_size_ = 0;
  std::vector<Field> fields_;
  bool in_value_ = false;
  std::optional<uint64_t> content_length_;
  bool chunked_ = false;
};

// What is asked about each head: the bytes of the request RESTinio is to see instead of it,
// or nothing to let it pass.
class HeadCheck {
 public:
  virtual ~HeadCheck() = default;
  virtual std::optional<std::string> refuse(const SeenHead& head) const = 0;
  // The stand-in for bytes http_parser refuses (`error`: its errno).
  virtual std::string malformed(http_errno error) const = 0;
};

class HeadGate {
 public:
  explicit HeadGate(const HeadCheck& check);
  HeadGate(const HeadGate&) = delete;
  HeadGate& operator=(const HeadGate&) = delete;

  // Takes `n` bytes from the client and appends to `out` what RESTinio is to read.
  void feed(const char* data, size_t n, std::string& out);
  // A head was refused: everything from then on is thrown away.
  bool refused() const { return refused_; }
  // Bytes of a head not yet complete are held.
  bool holding() const { return !held_.empty(); }

 private:
  static int on_message_begin(http_parser* p);
  static int on_url(http_parser* p, const char* at, size_t n);
  static int on_header_field(http_parser* p, const char* at, size_t n);
  static int on_header_value(http_parser* p, const char* at, size_t n);
  static int on_headers_complete(http_parser* p);
  static int on_message_complete(http_parser* p);

  void restart();

  enum class Event { kNone, kHead, kEnd };

  const HeadCheck& check_;
  http_parser parser_{};
  http_parser_settings settings_{};
  SeenHead head_;
  std::string held_;
  bool in_head_ = true;
  Event event_ = Event::kNone;
  bool refused_ = false;
  bool upgraded_ = false;  // after an upgrade request (a WebSocket's): bytes pass as they are
};

}  // namespace huji::http

#endif  // HUJI_HTTP_HEAD_GATE_H_
