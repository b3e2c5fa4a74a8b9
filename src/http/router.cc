#include "http/router.h"

#include <array>
#include <stdexcept>

namespace huji::http {

std::string_view method_name(Method m) {
  switch (m) {
    case Method::kGet: return "GET";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
  }
  return "?";
}

struct PathTree::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literal;
  std::unique_ptr<Node> param;  // the one "{name}" child, if any
  std::string param_name;
  bool param_digits = false;
  std::array<std::optional<size_t>, kMethodCount> slots;
};

PathTree::PathTree() : root_(std::make_unique<Node>()) {}
PathTree::~PathTree() = default;
PathTree::PathTree(PathTree&&) noexcept = default;
PathTree& PathTree::operator=(PathTree&&) noexcept = default;

namespace {

// The segments of "/a/b/c": "a", "b", "c". "/" has none; "//" or a trailing '/' gives an
// empty segment.
std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path[0] != '/') return out;
  path.remove_prefix(1);
  if (path.empty()) return out;
  for (;;) {
    const size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return out;
    path.remove_prefix(slash + 1);
  }
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

RouteInfo PathTree::add(Method method, std::string_view pattern, size_t slot) {
  if (pattern.empty() || pattern[0] != '/') {
    throw std::logic_error("route pattern must start with '/': " + std::string(pattern));
  }
  RouteInfo info{method, ""};
  Node* node = root_.get();
  for (std::string_view seg : split(pattern)) {
    if (seg.empty()) throw std::logic_error("empty segment in route " + std::string(pattern));
    info.pattern += '/';
    if (seg.front() == '{') {
      if (seg.back() != '}') throw std::logic_error("bad parameter in " + std::string(pattern));
      std::string_view inner = seg.substr(1, seg.size() - 2);
      bool digits = false;
      if (auto colon = inner.find(':'); colon != std::string_view::npos) {
        if (inner.substr(colon + 1) != "int") {
          throw std::logic_error("unknown parameter type in " + std::string(pattern));
        }
        digits = true;
        inner = inner.substr(0, colon);
      }
      if (inner.empty()) throw std::logic_error("unnamed parameter in " + std::string(pattern));
      if (!node->param) {
        node->param = std::make_unique<Node>();
        node->param_name = std::string(inner);
        node->param_digits = digits;
      } else if (node->param_name != inner || node->param_digits != digits) {
        // One parameter per level keeps matching linear: two names would be two routes that
        // differ only in what they call the same segment.
        throw std::logic_error("conflicting parameter in " + std::string(pattern));
      }
      node = node->param.get();
      info.pattern += '{';
      info.pattern += inner;
      info.pattern += '}';
    } else {
      if (seg.find_first_of("{}") != std::string_view::npos) {
        throw std::logic_error("braces inside a literal segment in " + std::string(pattern));
      }
      auto& child = node->literal[std::string(seg)];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
      info.pattern += seg;
    }
  }
  if (info.pattern.empty()) info.pattern = "/";
  auto& s = node->slots[static_cast<size_t>(method)];
  if (s) throw std::logic_error("route added twice: " + std::string(pattern));
  s = slot;
  return info;
}

std::optional<std::string> percent_decoded(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    const int hi = i + 1 < s.size() ? hex(s[i + 1]) : -1;
    const int lo = i + 2 < s.size() ? hex(s[i + 2]) : -1;
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::optional<PathTree::Match> PathTree::find(Method method, std::string_view path) const {
  auto segs = split(path);
  if (segs.empty() && path != "/") return std::nullopt;
  // One trailing '/' is forgiven (/api/v1/id-numbers/X/ is /api/v1/id-numbers/X).
  if (segs.size() > 1 && segs.back().empty()) segs.pop_back();
  // Segments are matched decoded (%69 is "i"), each on its own: an escaped '/' stays inside
  // its segment.
  std::vector<std::string> decoded;
  decoded.reserve(segs.size());
  for (auto& seg : segs) {
    if (seg.find('%') == std::string_view::npos) continue;
    auto d = percent_decoded(seg);
    if (!d) return std::nullopt;
    decoded.push_back(std::move(*d));
    seg = decoded.back();
  }
  // Depth-first: a literal child before the parameter child. The values taken on the way
  // down are kept in `taken` (one per parameter level of the current branch).
  std::vector<std::pair<const Node*, std::string_view>> taken;
  const auto m = static_cast<size_t>(method);
  struct Walk {
    const std::vector<std::string_view>& segs;
    size_t m;
    std::vector<std::pair<const Node*, std::string_view>>& taken;
    std::optional<size_t> operator()(const Node* node, size_t i) const {
      if (i == segs.size()) return node->slots[m];
      const std::string_view seg = segs[i];
      if (auto it = node->literal.find(seg); it != node->literal.end()) {
        if (auto found = (*this)(it->second.get(), i + 1)) return found;
      }
      if (node->param && !seg.empty() && (!node->param_digits || all_digits(seg))) {
        taken.emplace_back(node, seg);
        if (auto found = (*this)(node->param.get(), i + 1)) return found;
        taken.pop_back();
      }
      return std::nullopt;
    }
  };
  auto slot = Walk{segs, m, taken}(root_.get(), 0);
  if (!slot) return std::nullopt;
  Match match;
  match.slot = *slot;
  for (const auto& [node, value] : taken) match.params.add(node->param_name, std::string(value));
  return match;
}

}  // namespace huji::http
