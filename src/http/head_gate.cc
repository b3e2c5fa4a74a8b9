#include "http/head_gate.h"

#include <strings.h>

#include "http/request_limits.h"

namespace huji::http {

std::string_view SeenHead::target() const {
  return std::string_view(text_).substr(0, target_size_);
}

std::string_view SeenHead::name(size_t i) const {
  return std::string_view(text_).substr(fields_[i].name_at, fields_[i].name_size);
}

std::string_view SeenHead::value(size_t i) const {
  return std::string_view(text_).substr(fields_[i].value_at, fields_[i].value_size);
}

std::optional<std::string_view> SeenHead::find(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    const auto n = this->name(i);
    if (n.size() == name.size() && ::strncasecmp(n.data(), name.data(), n.size()) == 0) {
      return value(i);
    }
  }
  return std::nullopt;
}

void SeenHead::clear() {
  method_ = {};
  text_.clear();
  target_size_ = 0;
  fields_.clear();
  in_value_ = false;
  content_length_.reset();
  chunked_ = false;
}

namespace {

HeadGate& gate_of(http_parser* p) { return *static_cast<HeadGate*>(p->data); }

// The most a head may hold, blank lines before it included: http_parser refuses a longer head
// itself (http_parser_set_max_header_size), but not an endless run of blank lines.
constexpr size_t kMaxHeld = size_t{limits::kHardHead} + 1024;

}  // namespace

HeadGate::HeadGate(const HeadCheck& check) : check_(check) {
  settings_.on_message_begin = &HeadGate::on_message_begin;
  settings_.on_url = &HeadGate::on_url;
  settings_.on_header_field = &HeadGate::on_header_field;
  settings_.on_header_value = &HeadGate::on_header_value;
  settings_.on_headers_complete = &HeadGate::on_headers_complete;
  settings_.on_message_complete = &HeadGate::on_message_complete;
  restart();
}

void HeadGate::restart() {
  // What a large head took is given back, not kept for the connection's life.
  static constexpr size_t kKeep = size_t{16} * 1024;
  if (held_.capacity() > kKeep) std::string().swap(held_);
  if (head_.text_.capacity() > kKeep) std::string().swap(head_.text_);
  // As RESTinio does: a parser of its own for each request, so that both split the bytes
  // into requests alike.
  http_parser_init(&parser_, HTTP_REQUEST);
  parser_.data = this;
  in_head_ = true;
}

void HeadGate::feed(const char* data, size_t n, std::string& out) {
  if (upgraded_) {
    out.append(data, n);
    return;
  }
  while (n > 0 && !refused_) {
    event_ = Event::kNone;
    const size_t used = http_parser_execute(&parser_, &settings_, data, n);
    const auto error = HTTP_PARSER_ERRNO(&parser_);
    (in_head_ ? held_ : out).append(data, used);
    data += used;
    n -= used;
    if (error != HPE_OK && error != HPE_PAUSED) {
      held_.clear();
      out += check_.malformed(error);
      refused_ = true;
      return;
    }
    if (in_head_ && held_.size() > kMaxHeld) {
      held_.clear();
      out += check_.malformed(HPE_HEADER_OVERFLOW);
      refused_ = true;
      return;
    }
    if (error == HPE_PAUSED) http_parser_pause(&parser_, 0);
    if (event_ == Event::kHead) {
      if (auto instead = check_.refuse(head_)) {
        held_.clear();
        out += *instead;
        refused_ = true;
        return;
      }
      out += held_;
      held_.clear();
      in_head_ = false;
    } else if (event_ == Event::kEnd) {
      if (parser_.upgrade != 0) {
        // What follows an upgrade request is another protocol's (RESTinio either hands the
        // socket over or closes the connection after answering).
        upgraded_ = true;
        out.append(data, n);
        return;
      }
      restart();
    } else if (used == 0) {
      return;  // not expected: http_parser takes every byte unless paused or failed
    }
  }
}

int HeadGate::on_message_begin(http_parser* p) {
  gate_of(p).head_.clear();
  return 0;
}

int HeadGate::on_url(http_parser* p, const char* at, size_t n) {
  auto& h = gate_of(p).head_;
  h.text_.append(at, n);
  h.target_size_ += n;
  return 0;
}

int HeadGate::on_header_field(http_parser* p, const char* at, size_t n) {
  auto& h = gate_of(p).head_;
  if (h.fields_.empty() || h.in_value_) {
    h.fields_.push_back({h.text_.size(), 0, 0, 0});
    h.in_value_ = false;
  }
  h.text_.append(at, n);
  h.fields_.back().name_size += n;
  return 0;
}

int HeadGate::on_header_value(http_parser* p, const char* at, size_t n) {
  auto& h = gate_of(p).head_;
  if (h.fields_.empty()) return 0;
  if (!h.in_value_) {
    h.fields_.back().value_at = h.text_.size();
    h.in_value_ = true;
  }
  h.text_.append(at, n);
  h.fields_.back().value_size += n;
  return 0;
}

int HeadGate::on_headers_complete(http_parser* p) {
  auto& gate = gate_of(p);
  auto& h = gate.head_;
  h.method_ = http_method_str(static_cast<http_method>(p->method));
  if ((p->flags & F_CONTENTLENGTH) != 0) h.content_length_ = p->content_length;
  h.chunked_ = (p->flags & F_CHUNKED) != 0;
  gate.event_ = Event::kHead;
  http_parser_pause(p, 1);
  return 0;
}

int HeadGate::on_message_complete(http_parser* p) {
  gate_of(p).event_ = Event::kEnd;
  http_parser_pause(p, 1);
  return 0;
}

}  // namespace huji::http
