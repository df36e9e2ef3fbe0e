#pragma once
// Outputs that are either written whole or not at all (SPEC 1): the content
// goes to a temporary file in the target's folder, renamed over the target only
// by commit(). A file never committed is removed, so a failed run leaves every
// output as it was. A symlink is written through (the file it names is
// replaced, not the link); a target that is no regular file (/dev/null,
// /dev/stdout, a pipe) cannot be renamed over, so its content waits in a
// private temporary file and is copied into it by commit().
#include <filesystem>
#include <fstream>

namespace shortlist {

class AtomicFile {
 public:
  /// Creates the temporary file. `owner_only` gives mode 0600 (files with
  /// personal data); otherwise 0666 less the umask. Throws OutputError.
  AtomicFile(std::filesystem::path path, bool owner_only);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  /// Flushes and closes the temporary file, checking for write errors. Throws
  /// OutputError. Call it for every output before renaming any, so that a
  /// failure leaves all of them as they were.
  void finish();
  /// finish()es if needed and renames over the target. Throws OutputError.
  void commit();

 private:
  void copy_into_target() const;

  std::filesystem::path path_;    // as given
  std::filesystem::path target_;  // what commit() replaces: path_ with symlinks followed
  std::filesystem::path temp_;
  bool direct_ = false;           // the target is a device or pipe: copied into, not replaced
  std::ofstream out_;
  bool finished_ = false;
  bool committed_ = false;
};

}  // namespace shortlist
