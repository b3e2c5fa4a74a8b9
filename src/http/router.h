#ifndef HUJI_HTTP_ROUTER_H_
#define HUJI_HTTP_ROUTER_H_

// Routes a request by its method and the literal segments of its path, without regular
// expressions on request data: the path is split at '/', each segment percent-decoded, and
// walked down a tree of segments (one trailing '/' is forgiven, an empty segment matches
// nothing).
// A pattern segment "{name}" matches any one non-empty segment, "{name:int}" one of digits
// only (so /registrations/sampling is not taken for an id); a literal segment is tried before
// a parameter. Patterns use OpenAPI's path syntax, so the route table and docs/openapi.yaml
// name routes alike. The cost of a match is one map lookup per segment of the path (at most
// one parameter alternative per level), whatever the number of routes; a path deeper than
// every route is refused at the first segment no route has.
//
// Built once at start (add() throws std::logic_error on a malformed or repeated pattern, a
// programmer's error), then read by many threads at once without locks.

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace huji::http {

enum class Method { kGet, kPost, kPut, kPatch, kDelete };
inline constexpr size_t kMethodCount = 5;
std::string_view method_name(Method m);  // "GET", "POST", …

// `s` with %XX escapes decoded, or nothing when an escape is malformed.
std::optional<std::string> percent_decoded(std::string_view s);

// The values of a matched path's parameters, percent-decoded.
class PathParams {
 public:
  void add(std::string name, std::string value) {
    values_.emplace_back(std::move(name), std::move(value));
  }
  // The value of `name`, or "" when the route has no such parameter.
  std::string_view operator[](std::string_view name) const {
    for (const auto& [n, v] : values_) {
      if (n == name) return v;
    }
    return {};
  }

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

// One route as declared: what the API description (docs/openapi.yaml) is checked against.
struct RouteInfo {
  Method method = Method::kGet;
  std::string pattern;  // e.g. "/api/v1/registrations/{id}/review" (types left out)
};

class PathTree {
 public:
  PathTree();
  ~PathTree();
  PathTree(PathTree&&) noexcept;
  PathTree& operator=(PathTree&&) noexcept;

  // Adds `pattern` for `method` with the slot number `slot`; returns the RouteInfo.
  RouteInfo add(Method method, std::string_view pattern, size_t slot);
  // The slot of the route that matches, with its parameters, or nothing.
  struct Match {
    size_t slot = 0;
    PathParams params;
  };
  std::optional<Match> find(Method method, std::string_view path) const;

 private:
  struct Node;
  std::unique_ptr<Node> root_;
};

// A PathTree whose slots hold handlers of type H.
template <typename H>
class Router {
 public:
  void add(Method method, std::string_view pattern, H handler) {
    routes_.push_back(tree_.add(method, pattern, handlers_.size()));
    handlers_.push_back(std::move(handler));
  }
  struct Found {
    const H* handler = nullptr;
    PathParams params;
  };
  std::optional<Found> find(Method method, std::string_view path) const {
    auto m = tree_.find(method, path);
    if (!m) return std::nullopt;
    return Found{&handlers_[m->slot], std::move(m->params)};
  }
  const std::vector<RouteInfo>& routes() const { return routes_; }

 private:
  PathTree tree_;
  std::vector<H> handlers_;
  std::vector<RouteInfo> routes_;
};

}  // namespace huji::http

#endif  // HUJI_HTTP_ROUTER_H_
