#pragma once
// Outputs that are either written whole or not at all (SPEC 1): the content
// goes to a temporary file in the target's folder, renamed over the target only
// by commit(). A file never committed is removed, so a failed run leaves every
// output as it was.
//
// Targets that are not plain files:
// - A symlink is followed when it belongs to the user running the program
//   (the file it names is replaced, the link stays) and refused otherwise: a
//   link someone else planted, in /tmp say, must not steer root's output into
//   /etc.
// - /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N are this process's
//   own descriptors: the content is written to a duplicate of the descriptor,
//   so `-o /dev/stdout >> log` appends as the shell arranged.
// - A device or a pipe (/dev/null, a FIFO) cannot be replaced by rename: it is
//   opened at once (a pipe owned by another user is refused), its identity
//   checked, and on commit() the content is copied into it.
// In both of the last two cases the content waits in a private file under
// $TMPDIR until commit().
//
// A file made with Compression::kGzip is written gzip-compressed: stream()
// compresses, and finish() ends the gzip stream (see gzip_output.hpp).
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string_view>

struct stat;

namespace shortlist {

/// The file an output at `path` would replace: `path` with the symlinks of
/// its last component followed, as long as each belongs to the user running
/// the program; nullopt when one does not (or the chain does not end).
std::optional<std::filesystem::path> output_target(const std::filesystem::path& path);

/// The descriptor of this process that /dev/stdout, /dev/stderr, /dev/fd/N or
/// /proc/self/fd/N names; -1 for any other path.
int own_descriptor(std::string_view path);

class GzipOstream;

class AtomicFile {
 public:
  enum class Compression { kNone, kGzip };

  /// Creates the temporary file. `owner_only` gives mode 0600 (files with
  /// personal data); otherwise 0666 less the umask. Throws OutputError.
  AtomicFile(std::filesystem::path path, bool owner_only,
             Compression compression = Compression::kNone);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream();
  /// The temporary file, removed unless commit() succeeds. It may be written
  /// through its path instead of stream(), never through both, and never
  /// when it is compressed.
  const std::filesystem::path& temp_path() const { return temp_; }
  /// Flushes and closes the temporary file, checking for write errors. Throws
  /// OutputError. Call it for every output before renaming any, so that a
  /// failure leaves all of them as they were.
  void finish();
  /// finish()es if needed and renames over the target (or copies into a
  /// device, pipe or descriptor). Throws OutputError.
  void commit();

 private:
  void open_device(const struct ::stat& seen);
  void copy_into_device();

  std::filesystem::path path_;    // as given
  std::filesystem::path target_;  // what commit() replaces
  std::filesystem::path temp_;
  int device_ = -1;               // open descriptor of a device, pipe or /dev/stdout
  std::ofstream out_;
  std::unique_ptr<GzipOstream> gzip_;  // compresses into out_, when asked
  bool finished_ = false;
  bool committed_ = false;
};

}  // namespace shortlist
