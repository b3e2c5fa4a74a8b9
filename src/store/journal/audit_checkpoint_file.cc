#include "store/journal/audit_checkpoint_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

namespace huji::store {
namespace {

using core::Error;
using core::Result;
using core::Status;
using service::AuditCheckpoint;

Error file_error(const std::string& code, const std::string& what, const std::string& path) {
  const std::string why = std::strerror(errno);
  return Error::unavailable(
      code, "稽核簽章檔案無法存取：" + what + " " + path + "（" + why + "）",
      "cannot use the audit signing file: " + what + " " + path + " (" + why + ")");
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Syncs the directory holding `path`, so that a new file's name survives a power cut.
bool sync_parent(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  const int d = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (d < 0) return false;
  const bool ok = ::fsync(d) == 0;
  ::close(d);
  return ok;
}

class CheckpointFile final : public service::AuditCheckpointLog {
 public:
  CheckpointFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~CheckpointFile() override { ::close(fd_); }
  CheckpointFile(const CheckpointFile&) = delete;
  CheckpointFile& operator=(const CheckpointFile&) = delete;

  const std::string& where() const override { return path_; }

  Status append(const AuditCheckpoint& cp) override {
    const nlohmann::json line = {{"seq", cp.seq},
                                 {"hash", cp.hash},
                                 {"at_ms", cp.at_ms},
                                 {"server", cp.server},
                                 {"journal", cp.journal},
                                 {"public_key", cp.public_key},
                                 {"signature", cp.signature}};
    // O_APPEND: one write() per line, so that a line is never interleaved with another's.
    if (!write_all(fd_,
                   line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n") ||
        ::fdatasync(fd_) != 0) {
      return file_error("audit.checkpoint_write", "cannot write", path_);
    }
    return {};
  }

  Result<std::vector<AuditCheckpoint>> read_all() override { return read_checkpoint_file(path_); }

 private:
  const std::string path_;
  const int fd_;
};

Error corrupt(const std::string& path, size_t line, const std::string& why) {
  return Error::internal(
      "audit.checkpoints_corrupt",
      "稽核簽章檢查點檔案第 " + std::to_string(line) + " 行毀損：" + path + "（" + why + "）",
      "the audit checkpoint file " + path + " is damaged at line " + std::to_string(line) + " (" +
          why + ")");
}

}  // namespace

Result<service::AuditSigningKey> read_signing_key(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      return Error::not_found("audit.key_missing", "找不到稽核簽章金鑰檔：" + path,
                              "no audit signing key at " + path);
    }
    return file_error("audit.key_read", "cannot read", path);
  }
  if ((st.st_mode & 077) != 0) {
    return Error::denied(
        "audit.key_permissions", "稽核簽章金鑰檔 " + path + " 可被其他使用者讀取：請 chmod 600",
        "the audit signing key " + path + " may be read by group or others: chmod 600 it");
  }
  std::ifstream in(path);
  std::string hex;
  if (!in || !std::getline(in, hex)) return file_error("audit.key_read", "cannot read", path);
  return service::AuditSigningKey::from_secret_hex(hex);
}

Result<service::AuditSigningKey> create_signing_key(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return Error::conflict("audit.key_exists", "稽核簽章金鑰檔已存在：" + path,
                             "an audit signing key already exists at " + path);
    }
    return file_error("audit.key_write", "cannot create", path);
  }
  auto key = service::AuditSigningKey::generate();
  const bool ok = write_all(fd, key.secret_hex() + "\n") && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || !sync_parent(path)) {
    const int saved = errno;
    ::unlink(path.c_str());
    errno = saved;
    return file_error("audit.key_write", "cannot write", path);
  }
  return key;
}

Result<std::unique_ptr<service::AuditCheckpointLog>> open_checkpoint_file(const std::string& path) {
  const bool existed = ::access(path.c_str(), F_OK) == 0;
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return file_error("audit.checkpoint_open", "cannot open", path);
  if (!existed && !sync_parent(path)) {
    ::close(fd);
    return file_error("audit.checkpoint_open", "cannot sync the directory of", path);
  }
  return std::unique_ptr<service::AuditCheckpointLog>(std::make_unique<CheckpointFile>(path, fd));
}

Result<std::vector<AuditCheckpoint>> read_checkpoint_file(const std::string& path) {
  std::vector<AuditCheckpoint> out;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return out;
    return file_error("audit.checkpoint_read", "cannot read", path);
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string data = ss.str();
  size_t pos = 0;
  for (size_t line = 1; pos < data.size(); ++line) {
    const size_t eol = data.find('\n', pos);
    if (eol == std::string::npos) break;  // cut short by a crash: never counted as written
    const std::string_view text(data.data() + pos, eol - pos);
    pos = eol + 1;
    if (text.empty()) continue;
    auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return corrupt(path, line, "not a JSON object");
    try {
      AuditCheckpoint cp;
      cp.seq = j.at("seq").get<int64_t>();
      cp.hash = j.at("hash").get<std::string>();
      cp.at_ms = j.at("at_ms").get<int64_t>();
      cp.server = j.at("server").get<std::string>();
      cp.journal = j.at("journal").get<std::string>();
      cp.public_key = j.at("public_key").get<std::string>();
      cp.signature = j.at("signature").get<std::string>();
      out.push_back(std::move(cp));
    } catch (const nlohmann::json::exception& e) {
      return corrupt(path, line, e.what());
    }
  }
  return out;
}

}  // namespace huji::store
