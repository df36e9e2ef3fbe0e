#pragma once
// A private scratch folder, removed with everything in it when it goes.
#include <filesystem>
#include <string_view>

namespace shortlist {

class ScratchDir {
 public:
  /// Creates `parent`/`prefix`-XXXXXX, or under $TMPDIR (default /tmp) when
  /// `parent` is empty. Throws OutputError (exit 5) naming $TMPDIR when it
  /// names no folder, or naming the parent when no folder can be made there.
  explicit ScratchDir(const std::filesystem::path& parent = {},
                      std::string_view prefix = "shortlist");
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace shortlist
