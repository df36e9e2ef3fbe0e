#pragma once
// Outputs that are either written whole or not at all (SPEC 1): the content
// goes to a temporary file in the target's folder, renamed over the target only
// by commit(). A file never committed is removed, so a failed run leaves every
// output as it was.
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
  std::filesystem::path path_;
  std::filesystem::path temp_;
  std::ofstream out_;
  bool finished_ = false;
  bool committed_ = false;
};

}  // namespace shortlist
