#include "shortlist/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include "shortlist/gzip_output.hpp"
#include "shortlist/output_error.hpp"

namespace shortlist {
namespace {

namespace fs = std::filesystem;

mode_t shared_mode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return static_cast<mode_t>(0666 & ~mask);
}

std::string error_text(const fs::path& path, const char* what, int error) {
  std::string out = path.string();
  out += ": ";
  out += what;
  out += ": ";
  out += std::strerror(error);
  return out;
}

}  // namespace

int own_descriptor(std::string_view path) {
  if (path == "/dev/stdout") return 1;
  if (path == "/dev/stderr") return 2;
  for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (path.substr(0, prefix.size()) != prefix) continue;
    std::string_view number = path.substr(prefix.size());
    int fd = -1;
    auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), fd);
    if (error == std::errc() && end == number.data() + number.size() && !number.empty()) return fd;
  }
  return -1;
}

std::optional<fs::path> output_target(const fs::path& path) {
  fs::path p = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p;
    if (st.st_uid != ::geteuid()) return std::nullopt;
    std::error_code ec;
    fs::path link = fs::read_symlink(p, ec);
    if (ec) return std::nullopt;
    p = link.is_absolute() ? link : p.parent_path() / link;
  }
  return std::nullopt;
}

AtomicFile::AtomicFile(fs::path path, bool owner_only, Compression compression)
    : path_(std::move(path)) {
  if (int fd = own_descriptor(path_.string()); fd >= 0) {
    device_ = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (device_ < 0) throw OutputError(error_text(path_, "cannot write", errno));
  } else {
    auto target = output_target(path_);
    if (!target)
      throw OutputError(path_.string() +
                        ": is a symlink that belongs to another user (or a loop); not followed");
    target_ = *target;
    struct stat st {};
    if (::stat(target_.c_str(), &st) == 0) {
      // rename() would fail at the very end over a folder; say so before any work.
      if (S_ISDIR(st.st_mode)) throw OutputError(path_.string() + ": is a folder, not a file");
      if (!S_ISREG(st.st_mode)) open_device(st);
    }
  }
  std::error_code ec;
  fs::path dir = device_ >= 0 ? fs::temp_directory_path(ec) : target_.parent_path();
  if (ec) throw OutputError(error_text(path_, "no folder for a temporary file ($TMPDIR)", ec.value()));
  // Built step by step: g++ 12 warns falsely (-Wrestrict) on a chain of '+'.
  std::string name = device_ >= 0 ? "shortlist-output-XXXXXX" : ".";
  if (device_ < 0) {
    name += target_.filename().string();
    name += ".shortlist-XXXXXX";
  }
  std::string pattern = (dir / name).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    int error = errno;
    if (device_ >= 0) ::close(device_);
    throw OutputError(error_text(path_, "cannot create file", error));
  }
  temp_ = pattern;
  if (!owner_only && device_ < 0) ::fchmod(fd, shared_mode());
  ::close(fd);
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!out_) {
    std::remove(temp_.c_str());
    if (device_ >= 0) ::close(device_);
    throw OutputError(path_.string() + ": cannot write file");
  }
  if (compression == Compression::kGzip) {
    try {
      gzip_ = std::make_unique<GzipOstream>(out_);
    } catch (...) {
      out_.close();
      std::remove(temp_.c_str());
      if (device_ >= 0) ::close(device_);
      throw;
    }
  }
}

std::ostream& AtomicFile::stream() {
  if (gzip_) return *gzip_;
  return out_;
}

// Opens a device or pipe now, so that what commit() writes to is the file
// seen here, even if the path is changed in between.
void AtomicFile::open_device(const struct ::stat& seen) {
  if ((S_ISFIFO(seen.st_mode) || S_ISSOCK(seen.st_mode)) && seen.st_uid != ::geteuid())
    throw OutputError(path_.string() + ": is a pipe that belongs to another user; not written");
  device_ = ::open(target_.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (device_ < 0) throw OutputError(error_text(path_, "cannot write", errno));
  struct stat now {};
  if (::fstat(device_, &now) != 0 || now.st_dev != seen.st_dev || now.st_ino != seen.st_ino ||
      S_ISREG(now.st_mode)) {
    ::close(device_);
    device_ = -1;
    throw OutputError(path_.string() + ": changed while it was being opened");
  }
}

AtomicFile::~AtomicFile() {
  gzip_.reset();
  if (!committed_) {
    out_.close();
    std::remove(temp_.c_str());
  }
  if (device_ >= 0) ::close(device_);
}

void AtomicFile::finish() {
  if (finished_) return;
  bool failed = gzip_ && !gzip_->finish();
  out_.flush();
  failed |= !out_;
  out_.close();
  failed |= out_.fail();
  if (failed) throw OutputError(path_.string() + ": cannot write file (disk full?)");
  finished_ = true;
}

void AtomicFile::commit() {
  finish();
  if (device_ >= 0) {
    copy_into_device();
    std::remove(temp_.c_str());
  } else if (std::rename(temp_.c_str(), target_.c_str()) != 0) {
    throw OutputError(error_text(path_, "cannot replace file", errno));
  }
  committed_ = true;
}

void AtomicFile::copy_into_device() {
  int in = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) throw OutputError(error_text(path_, "cannot write", errno));
  std::vector<char> buffer(std::size_t{64} << 10);
  int error = 0;
  while (error == 0) {
    ssize_t n = ::read(in, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) error = errno;
    if (n <= 0) break;
    for (ssize_t done = 0; done < n && error == 0;) {
      ssize_t w = ::write(device_, buffer.data() + done, static_cast<std::size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) error = w < 0 ? errno : EIO;
      if (w > 0) done += w;
    }
  }
  ::close(in);
  if (::close(device_) != 0 && error == 0) error = errno;
  device_ = -1;
  if (error != 0) throw OutputError(error_text(path_, "cannot write", error));
}

}  // namespace shortlist
