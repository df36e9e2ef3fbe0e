#pragma once
// The parts of a ZIP archive (an XLSX workbook), read in a stream with libzip.
//
// An archive can be built to inflate far beyond its size (a zip bomb), so
// every part is checked before it is read: one that declares more than
// kMaxRatio times its compressed size, past kBombFloor bytes, is refused,
// and one that inflates past the size it declares is refused while it is
// read.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct zip;
struct zip_file;

namespace shortlist {

class ZipArchive {
 public:
  /// A part may inflate to at most this many times its compressed size...
  static constexpr std::uint64_t kMaxRatio = 250;
  /// ...once it is larger than this.
  static constexpr std::uint64_t kBombFloor = std::uint64_t{64} << 20;

  /// Takes `fd` (open for reading, at any position) and reads the archive's
  /// directory. `path` names the input in errors. Throws InputError.
  ZipArchive(std::string path, int fd);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  const std::string& path() const { return path_; }
  /// The index of the part named `name` (ZIP names are case-sensitive, OOXML
  /// part names are not: the comparison ignores case); nullopt if absent.
  std::optional<std::uint64_t> find(std::string_view name) const;
  /// The name of the part at `index`.
  std::string name(std::uint64_t index) const;
  /// An InputError naming the input and `message`.
  [[noreturn]] void fail(const std::string& message) const;

 private:
  friend class ZipPartReader;
  std::string path_;
  struct ::zip* archive_ = nullptr;
};

/// One part, inflated piece by piece.
class ZipPartReader {
 public:
  /// Opens the part at `index`; throws InputError if it cannot be read or
  /// looks like a zip bomb.
  ZipPartReader(ZipArchive& archive, std::uint64_t index);
  ~ZipPartReader();
  ZipPartReader(const ZipPartReader&) = delete;
  ZipPartReader& operator=(const ZipPartReader&) = delete;

  /// Inflates up to `size` bytes into `into`; 0 at the end of the part.
  /// Throws InputError for damaged data.
  std::size_t read(char* into, std::size_t size);
  const std::string& name() const { return name_; }
  std::uint64_t declared_size() const { return declared_; }
  std::uint64_t inflated() const { return inflated_; }

 private:
  ZipArchive& archive_;
  std::string name_;
  struct ::zip_file* file_ = nullptr;
  std::uint64_t declared_ = 0;
  std::uint64_t inflated_ = 0;
};

}  // namespace shortlist
