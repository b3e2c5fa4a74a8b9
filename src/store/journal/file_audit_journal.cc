#include "store/journal/file_audit_journal.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "store/bulk_text.h"

namespace huji::store {
namespace {

using core::Error;
using core::ErrorKind;
using core::Result;
using core::Status;
using service::JournaledAudit;

constexpr size_t kFields = 10;
constexpr std::string_view kSuffix = ".journal";

Error io_error(const std::string& code, const std::string& what, const std::string& path) {
  const std::string why = std::strerror(errno);
  return Error::unavailable(
      code, "稽核日誌暫存檔無法存取：" + what + " " + path + "（" + why + "）",
      "the audit journal cannot be used: " + what + " " + path + " (" + why + ")");
}

Error corrupt(const std::string& path, const std::string& why) {
  return Error::internal(
      "audit.journal_corrupt",
      "稽核日誌暫存檔毀損，為免遺失已確認之稽核紀錄而停止：" + path + "（" + why + "）",
      "the audit journal is damaged; stopping rather than lose acknowledged "
      "audit records: " +
          path + " (" + why + ")");
}

// Closes a descriptor on every path out.
struct Fd {
  int fd = -1;
  Fd() = default;
  explicit Fd(int f) : fd(f) {}
  Fd(Fd&& o) noexcept : fd(std::exchange(o.fd, -1)) {}
  Fd& operator=(Fd&& o) noexcept {
    if (this != &o) {
      reset();
      fd = std::exchange(o.fd, -1);
    }
    return *this;
  }
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

bool pwrite_all(int fd, std::string_view data, size_t offset) {
  while (!data.empty()) {
    const ssize_t n = ::pwrite(fd, data.data(), data.size(), static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
    offset += static_cast<size_t>(n);
  }
  return true;
}

constexpr size_t kPrepareStep = size_t{1} << 20;
// The space a probe() makes sure of: more than a large batch takes.
constexpr size_t kProbeBytes = size_t{256} << 10;

bool write_zeros(int fd, size_t offset, size_t bytes) {
  static const std::string kZeros(kPrepareStep, '\0');
  while (bytes > 0) {
    const size_t n = std::min(bytes, kZeros.size());
    if (!pwrite_all(fd, std::string_view(kZeros).substr(0, n), offset)) return false;
    offset += n;
    bytes -= n;
  }
  return true;
}

bool fsync_dir(const std::string& dir) {
  Fd d(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  return d.fd >= 0 && ::fsync(d.fd) == 0;
}

std::string checksum(std::string_view payload) {
  unsigned char h[8];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(payload.data()),
                     payload.size(), nullptr, 0);
  char hex[sizeof h * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return {hex, sizeof h * 2};
}

template <typename Int>
bool parse_int(std::string_view s, Int& v) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    const size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

void put_record(std::string& out, const JournaledAudit& r) {
  const service::AuditEntry& e = r.entry;
  out += std::to_string(r.jseq);
  out += '\t';
  out += std::to_string(e.at_ms);
  for (const std::string* f : {&e.username, &e.role, &e.office_code, &e.action, &e.subject_id,
                               &e.purpose, &e.request_id, &e.outcome}) {
    out += '\t';
    append_copy_field(out, *f);  // the escaping of COPY text: \\ \t \n \r
  }
  out += '\n';
}

std::optional<JournaledAudit> parse_record(std::string_view line) {
  const auto f = split(line, '\t');
  if (f.size() != kFields) return std::nullopt;
  JournaledAudit r;
  if (!parse_int(f[0], r.jseq) || !parse_int(f[1], r.entry.at_ms)) return std::nullopt;
  std::string* texts[] = {&r.entry.username,   &r.entry.role,       &r.entry.office_code,
                          &r.entry.action,     &r.entry.subject_id, &r.entry.purpose,
                          &r.entry.request_id, &r.entry.outcome};
  for (size_t i = 0; i < 8; ++i) {
    auto v = read_copy_field(f[i + 2]);
    if (!v) return std::nullopt;
    *texts[i] = std::move(*v);
  }
  return r;
}

// One batch at `pos` of `data`: its records (appended to `out` when given) and its length, or
// nullopt when what is there is not a complete, intact batch starting with `first`.
std::optional<size_t> parse_batch(std::string_view data, size_t pos, std::optional<int64_t> first,
                                  std::vector<JournaledAudit>* out, int64_t* last,
                                  int64_t* batch_first = nullptr) {
  const size_t eol = data.find('\n', pos);
  if (eol == std::string_view::npos) return std::nullopt;
  const auto h = split(data.substr(pos, eol - pos), ' ');
  int64_t b_first = 0;
  size_t count = 0, bytes = 0;
  if (h.size() != 5 || h[0] != "B" || !parse_int(h[1], b_first) || !parse_int(h[2], count) ||
      !parse_int(h[3], bytes) || count == 0 || (first && b_first != *first)) {
    return std::nullopt;
  }
  if (data.size() - (eol + 1) < bytes) return std::nullopt;
  const std::string_view payload = data.substr(eol + 1, bytes);
  if (payload.empty() || payload.back() != '\n' || checksum(payload) != h[4]) return std::nullopt;
  auto lines = split(payload.substr(0, payload.size() - 1), '\n');
  if (lines.size() != count) return std::nullopt;
  std::vector<JournaledAudit> records;
  records.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    auto r = parse_record(lines[i]);
    if (!r || r->jseq != b_first + static_cast<int64_t>(i)) return std::nullopt;
    records.push_back(std::move(*r));
  }
  *last = b_first + static_cast<int64_t>(count) - 1;
  if (batch_first) *batch_first = b_first;
  if (out) std::move(records.begin(), records.end(), std::back_inserter(*out));
  return eol + 1 + bytes - pos;
}

bool read_file(const std::string& path, std::string& data) {
  Fd f(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (f.fd < 0) return false;
  data.clear();
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(f.fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) return true;
    data.append(buf, static_cast<size_t>(n));
  }
}

struct Segment {
  int64_t first = 0;  // the number in its name: its first record's jseq
  int64_t last = 0;   // its last record's jseq (first - 1 while empty)
  std::string path;
};

class FileAuditJournal final : public service::AuditJournal {
 public:
  FileAuditJournal(std::string dir, FileAuditJournalOptions options, Fd lock)
      : dir_(std::move(dir)), options_(std::move(options)), lock_(std::move(lock)) {}

  Status open() {
    HUJI_TRY(read_or_make_id());
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const auto& de : fs::directory_iterator(dir_, ec)) {
      const std::string name = de.path().filename().string();
      if (name.size() != 20 + kSuffix.size() || !name.ends_with(kSuffix)) continue;
      Segment s;
      if (!parse_int(std::string_view(name).substr(0, 20), s.first)) continue;
      s.path = de.path().string();
      segments_.push_back(std::move(s));
    }
    if (ec) return io_error("audit.journal_open", "cannot list", dir_);
    std::sort(segments_.begin(), segments_.end(),
              [](const Segment& a, const Segment& b) { return a.first < b.first; });
    std::string data;
    for (size_t i = 0; i < segments_.size(); ++i) {
      Segment& s = segments_[i];
      const bool newest = i + 1 == segments_.size();
      if (i > 0) {
        Segment& before = segments_[i - 1];
        if (s.first > before.last + 1)
          return corrupt(s.path, "records missing before this segment");
        // A segment started over after a failed append (start_over): the older one's records
        // from here on are that failed batch, never acknowledged.
        before.last = s.first - 1;
      }
      if (!read_file(s.path, data)) return io_error("audit.journal_open", "cannot read", s.path);
      size_t valid = 0;
      HUJI_TRY(scan(s, data, nullptr, valid));
      if (newest) {
        // Appends go on after the last intact batch, over what follows it: zeros, an append
        // that a crash cut short (never acknowledged), or a recycled segment's old batches.
        active_size_ = valid;
        prepared_to_ = data.size();
      }
    }
    last_jseq_ = segments_.empty() ? 0 : segments_.back().last;
    if (!segments_.empty()) {
      active_ = Fd(::open(segments_.back().path.c_str(), O_WRONLY | O_CLOEXEC));
      if (active_.fd < 0)
        return io_error("audit.journal_open", "cannot open", segments_.back().path);
      if (::fdatasync(active_.fd) != 0) {
        return io_error("audit.journal_open", "cannot sync", segments_.back().path);
      }
    }
    if (std::error_code e; fs::exists(spare_path(), e)) have_spare_ = true;
    return {};
  }

  const std::string& id() const override { return id_; }
  int64_t last_jseq() const override { return last_jseq_; }

  Result<std::vector<JournaledAudit>> read_after(int64_t after) override {
    std::vector<JournaledAudit> out;
    std::string data;
    for (const Segment& s : segments_) {
      if (s.last <= after) continue;
      if (!read_file(s.path, data)) return io_error("audit.journal_read", "cannot read", s.path);
      size_t valid = 0;
      std::vector<JournaledAudit> records;
      Segment read = s;
      HUJI_TRY(scan(read, data, &records, valid));
      for (auto& r : records) {
        // Past s.last: a failed batch that the next segment superseded (start_over).
        if (r.jseq > after && r.jseq <= s.last) out.push_back(std::move(r));
      }
    }
    return out;
  }

  Status append(const std::vector<JournaledAudit>& records) override {
    if (records.empty()) return {};
    if (broken_) HUJI_TRY(start_over());
    for (size_t i = 0; i < records.size(); ++i) {
      if (records[i].jseq != last_jseq_ + 1 + static_cast<int64_t>(i)) {
        return Error::internal("audit.journal_sequence", "稽核日誌序號不連續",
                               "audit journal records must be numbered consecutively");
      }
    }
    std::string payload;
    payload.reserve(records.size() * 160);
    for (const auto& r : records) put_record(payload, r);
    std::string batch = "B " + std::to_string(records.front().jseq) + " " +
                        std::to_string(records.size()) + " " + std::to_string(payload.size()) +
                        " " + checksum(payload) + "\n";
    batch += payload;
    if (active_.fd < 0 ||
        (active_size_ > 0 && active_size_ + batch.size() > options_.segment_bytes)) {
      HUJI_TRY(start_segment(records.front().jseq));
    }
    // Into space the file already has, so that fdatasync writes the batch alone and not the
    // file's size as well; the space is zeroed ahead of the appends a step at a time.
    const JournalFault fault = options_.fault ? options_.fault() : JournalFault::kNone;
    bool ok = injected(fault == JournalFault::kWrite, ENOSPC) &&
              prepare(active_size_ + batch.size()) && pwrite_all(active_.fd, batch, active_size_) &&
              injected(fault == JournalFault::kSync, EIO) && ::fdatasync(active_.fd) == 0;
    if (!ok) {
      // After a failed write or sync the file's state is unknown (the kernel may have dropped
      // the pages): no further batch may follow it there (start_over).
      broken_ = true;
      return io_error("audit.journal_write", "cannot write", segments_.back().path);
    }
    active_size_ += batch.size();
    last_jseq_ = records.back().jseq;
    segments_.back().last = last_jseq_;
    return {};
  }

  Status probe() override {
    if (!broken_) return {};
    HUJI_TRY(start_over());
    // Space for a batch, made durable: what a full disk refuses.
    const JournalFault fault = options_.fault ? options_.fault() : JournalFault::kNone;
    const bool ok = injected(fault != JournalFault::kNone, ENOSPC) &&
                    prepare(active_size_ + kProbeBytes) && ::fdatasync(active_.fd) == 0;
    if (!ok) {
      broken_ = true;
      return io_error("audit.journal_write", "cannot write", segments_.back().path);
    }
    return {};
  }

  Status release(int64_t jseq) override {
    bool removed = false;
    while (segments_.size() > 1 && segments_.front().last <= jseq) {
      // One moved segment is kept as the next one's space (its old batches are ignored).
      const std::string& path = segments_.front().path;
      if (!have_spare_) {
        if (::rename(path.c_str(), spare_path().c_str()) != 0) {
          return io_error("audit.journal_release", "cannot recycle", path);
        }
        have_spare_ = true;
      } else if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
        return io_error("audit.journal_release", "cannot remove", path);
      }
      segments_.erase(segments_.begin());
      removed = true;
    }
    if (removed) fsync_dir(dir_);
    return {};
  }

 private:
  // Walks the batches of segment `s`: sets s.last and `valid` (the bytes of intact batches
  // from the start). After them comes space: zeros, a recycled segment's old batches, or (in
  // the newest segment) an append a crash cut short. A record lost from inside an older
  // segment shows as the next segment not following on (checked by open()).
  Status scan(Segment& s, std::string_view data, std::vector<JournaledAudit>* out, size_t& valid) {
    size_t pos = 0;
    int64_t last = s.first - 1;
    while (pos < data.size()) {
      int64_t batch_last = 0;
      auto n = parse_batch(data, pos, last + 1, out, &batch_last);
      if (!n) break;
      pos += *n;
      last = batch_last;
    }
    if (pos < data.size()) {
      // An intact batch of later records after the damaged one was written after it was on
      // disk. (Intact batches of earlier records are a recycled segment's old contents.)
      // Every "B " is tried, not only one after a newline: the damage may be that newline.
      for (size_t at = data.find("B ", pos + 1); at != std::string_view::npos;
           at = data.find("B ", at + 1)) {
        int64_t ignored = 0, first = 0;
        if (parse_batch(data, at, std::nullopt, nullptr, &ignored, &first) && first > last) {
          return corrupt(s.path, "a damaged batch before an intact one");
        }
      }
    }
    s.last = last;
    valid = pos;
    return {};
  }

  // False with errno set to `error` when `fail` (the fault-injection seam), else true.
  static bool injected(bool fail, int error) {
    if (fail) errno = error;
    return !fail;
  }

  // Zeroes the active segment ahead of the appends so that it has at least `end` bytes.
  bool prepare(size_t end) {
    if (end <= prepared_to_) return true;
    const size_t grow =
        std::max(std::min(kPrepareStep, options_.segment_bytes), end - prepared_to_);
    if (!write_zeros(active_.fd, prepared_to_, grow)) return false;
    prepared_to_ += grow;
    return true;
  }

  // After a failed append (broken_): the next batch goes to a fresh segment named after the
  // first unacknowledged number or, when the failed segment holds no acknowledged record, over
  // that segment from its start. What the failure left behind is then never read (see open()).
  Status start_over() {
    const Segment& failed = segments_.back();
    if (failed.last < failed.first) {
      Fd f(::open(failed.path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
      struct stat st {};
      if (f.fd < 0 || ::fstat(f.fd, &st) != 0) {
        return io_error("audit.journal_write", "cannot reopen", failed.path);
      }
      active_ = std::move(f);
      active_size_ = 0;
      prepared_to_ = static_cast<size_t>(st.st_size);
    } else {
      HUJI_TRY(start_segment(last_jseq_ + 1));
    }
    broken_ = false;
    return {};
  }

  Status read_or_make_id() {
    const std::string path = dir_ + "/id";
    std::string data;
    if (read_file(path, data)) {
      while (!data.empty() && (data.back() == '\n' || data.back() == ' ')) data.pop_back();
      if (data.empty()) return corrupt(path, "empty journal id");
      id_ = data;
      return {};
    }
    if (errno != ENOENT) return io_error("audit.journal_open", "cannot read", path);
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    char hex[sizeof raw * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    id_ = hex;
    const std::string tmp = path + ".tmp";
    Fd f(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (f.fd < 0 || !pwrite_all(f.fd, id_ + "\n", 0) || ::fsync(f.fd) != 0 ||
        ::rename(tmp.c_str(), path.c_str()) != 0 || !fsync_dir(dir_)) {
      return io_error("audit.journal_open", "cannot write", path);
    }
    return {};
  }

  Status start_segment(int64_t first) {
    char name[21];
    std::snprintf(name, sizeof name, "%020lld", static_cast<long long>(first));
    const std::string path = dir_ + "/" + name + std::string(kSuffix);
    if (have_spare_) {
      have_spare_ = false;
      // A spare that someone removed is no reason to stop: a new file is made instead.
      if (::rename(spare_path().c_str(), path.c_str()) != 0 && errno != ENOENT) {
        return io_error("audit.journal_write", "cannot reuse", spare_path());
      }
    }
    Fd f(::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
    struct stat st {};
    if (f.fd < 0 || ::fstat(f.fd, &st) != 0 || !fsync_dir(dir_)) {
      return io_error("audit.journal_write", "cannot create", path);
    }
    segments_.push_back({first, first - 1, path});
    active_ = std::move(f);
    active_size_ = 0;
    prepared_to_ = static_cast<size_t>(st.st_size);
    return {};
  }

  std::string spare_path() const { return dir_ + "/spare"; }

  const std::string dir_;
  const FileAuditJournalOptions options_;
  Fd lock_;
  std::string id_;
  std::vector<Segment> segments_;  // oldest first; the last one is appended to
  Fd active_;
  size_t active_size_ = 0;   // where the next batch goes
  size_t prepared_to_ = 0;   // the active segment's bytes that exist (zeros or old batches)
  bool have_spare_ = false;  // a moved segment kept for reuse
  int64_t last_jseq_ = 0;
  bool broken_ = false;  // an append failed: the next starts over (start_over)
};

}  // namespace

Result<std::unique_ptr<service::AuditJournal>> open_file_audit_journal(
    const std::string& dir, FileAuditJournalOptions options) {
  if (sodium_init() < 0) {
    return Error::internal("crypto.init", "加密程式庫無法初始化",
                           "libsodium could not be initialised");
  }
  if (::mkdir(dir.c_str(), 0700) == 0) {
    // The new directory's entry must survive a power cut with what goes into it.
    const std::string parent = std::filesystem::path(dir).parent_path().string();
    if (!fsync_dir(parent.empty() ? "." : parent)) {
      return io_error("audit.journal_open", "cannot sync the directory holding", dir);
    }
  } else if (errno != EEXIST) {
    return io_error("audit.journal_open", "cannot create the directory", dir);
  }
  const std::string lock_path = dir + "/lock";
  Fd lock(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (lock.fd < 0) return io_error("audit.journal_open", "cannot open", lock_path);
  if (::flock(lock.fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      return Error::unavailable("audit.journal_locked",
                                "稽核日誌暫存檔正由另一個 huji 程序使用：" + dir,
                                "another huji process is using the audit journal " + dir);
    }
    return io_error("audit.journal_open", "cannot lock", lock_path);
  }
  auto journal = std::make_unique<FileAuditJournal>(dir, std::move(options), std::move(lock));
  HUJI_TRY(journal->open());
  return std::unique_ptr<service::AuditJournal>(std::move(journal));
}

}  // namespace huji::store
