#include "shortlist/atomic_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "shortlist/output_error.hpp"

namespace shortlist {
namespace {

mode_t shared_mode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return static_cast<mode_t>(0666 & ~mask);
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path path, bool owner_only) : path_(std::move(path)) {
  // rename() would fail at the very end over a folder; say so before any work.
  std::error_code ec;
  if (std::filesystem::is_directory(path_, ec))
    throw OutputError(path_.string() + ": is a folder, not a file");
  auto dir = path_.parent_path();
  // Built step by step: g++ 12 warns falsely (-Wrestrict) on a chain of '+'.
  std::string name = ".";
  name += path_.filename().string();
  name += ".shortlist-XXXXXX";
  std::string pattern = (dir / name).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0)
    throw OutputError(path_.string() + ": cannot create file: " + std::strerror(errno));
  temp_ = pattern;
  if (!owner_only) ::fchmod(fd, shared_mode());
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
  if (std::rename(temp_.c_str(), path_.c_str()) != 0)
    throw OutputError(path_.string() + ": cannot replace file: " + std::strerror(errno));
  committed_ = true;
}

}  // namespace shortlist
