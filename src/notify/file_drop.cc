#include "notify/file_drop.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

namespace huji::notify {

namespace {

std::string failed(const std::string& step, const std::string& path) {
  return "file drop: " + step + " " + path + ": " + std::strerror(errno);
}

// Writes all of `text` to `fd`.
bool write_all(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// A message id usable as a file name: no separators, not hidden.
bool safe_name(const std::string& id) {
  return !id.empty() && id.front() != '.' && id.find('/') == std::string::npos &&
         id.find('\0') == std::string::npos;
}

}  // namespace

std::string drop_envelope(const service::OutgoingMessage& m) {
  nlohmann::json envelope = {{"webhook-id", m.message_id},
                             {"webhook-timestamp", m.timestamp_s},
                             {"webhook-signature", m.signature},
                             {"payload", m.payload}};
  return envelope.dump() + "\n";
}

service::DeliveryAnswer drop_file(const std::string& dir, const service::OutgoingMessage& m) {
  service::DeliveryAnswer answer;
  if (!safe_name(m.message_id)) {
    answer.error = "file drop: the message id is not a file name";
    return answer;
  }
  const std::string path = dir + "/" + m.message_id + ".json";
  const std::string tmp = dir + "/." + m.message_id + "." + std::to_string(::getpid()) + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) {
    answer.error = failed("cannot create", tmp);
    return answer;
  }
  const bool written = write_all(fd, drop_envelope(m)) && ::fsync(fd) == 0;
  if (!written) answer.error = failed("cannot write", tmp);
  if (::close(fd) != 0 && written) answer.error = failed("cannot close", tmp);
  if (!answer.error.empty()) {
    ::unlink(tmp.c_str());
    return answer;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    answer.error = failed("cannot rename to", path);
    ::unlink(tmp.c_str());
    return answer;
  }
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  const bool durable = dfd >= 0 && ::fsync(dfd) == 0;
  if (!durable) answer.error = failed("cannot sync", dir);
  if (dfd >= 0) ::close(dfd);
  if (durable) {
    answer.http_status = 200;
    answer.body = "written " + path;
  }
  return answer;
}

}  // namespace huji::notify
