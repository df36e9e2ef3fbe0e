#include "shortlist/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "shortlist/output_error.hpp"

namespace shortlist {
namespace {

mode_t shared_mode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return static_cast<mode_t>(0666 & ~mask);
}

// The file a symlink that points nowhere yet would create, through a chain of
// links; `path` itself when it is no link.
std::filesystem::path dangling_link_target(std::filesystem::path path) {
  std::error_code ec;
  for (int hops = 0; hops < 40 && std::filesystem::is_symlink(path, ec); ++hops) {
    std::filesystem::path link = std::filesystem::read_symlink(path, ec);
    if (ec) break;
    path = link.is_absolute() ? link : path.parent_path() / link;
  }
  return path;
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path path, bool owner_only) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  // Where the content goes: through symlinks to the file they name, since
  // renaming over a link would replace the link, not write the file.
  struct stat st {};
  if (::stat(path_.c_str(), &st) == 0) {
    // rename() would fail at the very end over a folder; say so before any work.
    if (S_ISDIR(st.st_mode)) throw OutputError(path_.string() + ": is a folder, not a file");
    direct_ = !S_ISREG(st.st_mode);
    std::error_code ec;
    target_ = direct_ ? path_ : fs::canonical(path_, ec);
    if (ec) target_ = path_;
  } else {
    target_ = dangling_link_target(path_);
  }
  // A device or a pipe (/dev/null, /dev/stdout) cannot be replaced by rename:
  // the content waits in a private file and is copied into it on commit.
  fs::path dir = direct_ ? fs::temp_directory_path() : target_.parent_path();
  // Built step by step: g++ 12 warns falsely (-Wrestrict) on a chain of '+'.
  std::string name = direct_ ? "shortlist-output-XXXXXX" : ".";
  if (!direct_) {
    name += target_.filename().string();
    name += ".shortlist-XXXXXX";
  }
  std::string pattern = (dir / name).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0)
    throw OutputError(path_.string() + ": cannot create file: " + std::strerror(errno));
  temp_ = pattern;
  if (!owner_only && !direct_) ::fchmod(fd, shared_mode());
  ::close(fd);
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!out_) {
    std::remove(temp_.c_str());
    throw OutputError(path_.string() + ": cannot write file");
  }
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    out_.close();
    std::remove(temp_.c_str());
  }
}

void AtomicFile::finish() {
  if (finished_) return;
  out_.flush();
  bool failed = !out_;
  out_.close();
  failed |= out_.fail();
  if (failed) throw OutputError(path_.string() + ": cannot write file (disk full?)");
  finished_ = true;
}

void AtomicFile::commit() {
  finish();
  if (direct_) {
    copy_into_target();
    std::remove(temp_.c_str());
  } else if (std::rename(temp_.c_str(), target_.c_str()) != 0) {
    throw OutputError(path_.string() + ": cannot replace file: " + std::strerror(errno));
  }
  committed_ = true;
}

void AtomicFile::copy_into_target() const {
  int in = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
  int out = in < 0 ? -1 : ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
  int error = errno;
  if (in < 0 || out < 0) {
    if (in >= 0) ::close(in);
    throw OutputError(path_.string() + ": cannot write: " + std::strerror(error));
  }
  std::vector<char> buffer(std::size_t{64} << 10);
  bool ok = true;
  for (;;) {
    ssize_t n = ::read(in, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = n == 0;
      error = errno;
      break;
    }
    for (ssize_t done = 0; ok && done < n;) {
      ssize_t w = ::write(out, buffer.data() + done, static_cast<std::size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      ok = w > 0;
      error = errno;
      if (ok) done += w;
    }
    if (!ok) break;
  }
  ::close(in);
  if (::close(out) != 0 && ok) {
    ok = false;
    error = errno;
  }
  if (!ok) throw OutputError(path_.string() + ": cannot write: " + std::strerror(error));
}

}  // namespace shortlist
