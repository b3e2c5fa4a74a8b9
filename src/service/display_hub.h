#ifndef HUJI_SERVICE_DISPLAY_HUB_H_
#define HUJI_SERVICE_DISPLAY_HUB_H_

// Where the lobby displays listen (issue 20 item 5): QueueService publishes each committed
// call, in display-sequence order, to the listeners of its office; the WebSocket route
// (http/routes/queue_display.cc) is one listener per connected display. A listener is called
// on the publishing thread while no lock of the queue is held by it beyond the office's, and
// must not block (it hands the text to its connection's own strand).

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace huji::service {

class DisplayHub {
 public:
  // `text`: the message's JSON text; `seq`: its display sequence number.
  using Listener = std::function<void(const std::string& text, int64_t seq)>;

  // Returns the subscription's id, for unsubscribe().
  int64_t subscribe(const std::string& office, Listener listener) {
    std::lock_guard lock(mu_);
    const int64_t id = ++next_id_;
    listeners_[office][id] = std::move(listener);
    return id;
  }

  void unsubscribe(const std::string& office, int64_t id) {
    std::lock_guard lock(mu_);
    auto it = listeners_.find(office);
    if (it != listeners_.end()) it->second.erase(id);
  }

  void publish(const std::string& office, const std::string& text, int64_t seq) {
    std::lock_guard lock(mu_);
    auto it = listeners_.find(office);
    if (it == listeners_.end()) return;
    for (auto& [id, listener] : it->second) listener(text, seq);
  }

  size_t listeners(const std::string& office) const {
    std::lock_guard lock(mu_);
    auto it = listeners_.find(office);
    return it == listeners_.end() ? 0 : it->second.size();
  }

 private:
  mutable std::mutex mu_;
  int64_t next_id_ = 0;
  std::map<std::string, std::map<int64_t, Listener>> listeners_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_DISPLAY_HUB_H_
