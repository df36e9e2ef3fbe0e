#include "run/scratch_dir.hpp"

#include <stdlib.h>

#include <cstdlib>
#include <string>

#include "shortlist/output_error.hpp"

namespace shortlist {

ScratchDir::ScratchDir(const std::filesystem::path& parent, std::string_view prefix) {
  std::filesystem::path base = parent;
  if (base.empty()) {
    // $TMPDIR naming no folder is the user's setting to fix: an output error
    // that names it, not an internal one.
    std::error_code ec;
    base = std::filesystem::temp_directory_path(ec);
    if (ec) {
      const char* tmpdir = std::getenv("TMPDIR");
      throw OutputError(std::string("$TMPDIR '") + (tmpdir ? tmpdir : "") +
                        "': no folder for scratch files (" + ec.message() + ")");
    }
  }
  std::string pattern = (base / (std::string(prefix) + "-XXXXXX")).string();
  if (!mkdtemp(pattern.data())) throw OutputError(base.string() + ": cannot create a scratch folder");
  path_ = pattern;
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace shortlist
