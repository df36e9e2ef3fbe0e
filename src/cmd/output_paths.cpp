#include "output_paths.hpp"

#include <sys/stat.h>

#include <filesystem>

#include "shortlist/atomic_file.hpp"

namespace shortlist::cmd {
namespace {

namespace fs = std::filesystem;

// What a path refers to: an existing file's device and inode, else the path
// with symlinks in its existing folders resolved and `.`/`..` removed.
struct FileKey {
  bool exists = false;
  bool special = false;  // an existing file that is not a regular one
  dev_t device = 0;
  ino_t inode = 0;
  fs::path normal;

  bool operator==(const FileKey& o) const {
    if (special || o.special || exists != o.exists) return false;
    return exists ? device == o.device && inode == o.inode : normal == o.normal;
  }
};

FileKey key_of(const std::string& path) {
  FileKey key;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    // Only a regular file can be overwritten by an output; a device or pipe
    // (/dev/stdin and /dev/stdout on one terminal) is no clash.
    if (!S_ISREG(st.st_mode)) {
      key.special = true;
      return key;
    }
    key.exists = true;
    key.device = st.st_dev;
    key.inode = st.st_ino;
    return key;
  }
  // Not there yet: the file the output would create, through the output's
  // own symlinks, as AtomicFile follows them.
  std::error_code ec;
  fs::path absolute = fs::absolute(output_target(path).value_or(path), ec);
  if (ec) absolute = path;
  fs::path normal = fs::weakly_canonical(absolute, ec);
  key.normal = ec ? absolute.lexically_normal() : normal;
  return key;
}

bool is_path(const NamedPath& p) { return !p.path.empty() && p.path != "-"; }

std::string quoted(const NamedPath& p) { return p.role + " '" + p.path + "'"; }

}  // namespace

std::optional<std::string> output_path_clash(const std::vector<NamedPath>& outputs,
                                             const std::vector<NamedPath>& reads) {
  std::vector<FileKey> read_keys, output_keys;
  for (const auto& r : reads) read_keys.push_back(is_path(r) ? key_of(r.path) : FileKey{});
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const NamedPath& out = outputs[i];
    output_keys.push_back(is_path(out) ? key_of(out.path) : FileKey{});
    if (!is_path(out)) continue;
    for (std::size_t j = 0; j < reads.size(); ++j)
      if (is_path(reads[j]) && output_keys[i] == read_keys[j])
        return quoted(out) + " is also the " + quoted(reads[j]) +
               "; write the output to another file";
    for (std::size_t j = 0; j < i; ++j)
      if (is_path(outputs[j]) && output_keys[i] == output_keys[j])
        return quoted(outputs[j]) + " and " + quoted(out) + " name the same file";
  }
  return std::nullopt;
}

}  // namespace shortlist::cmd
