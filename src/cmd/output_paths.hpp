#pragma once
// Refusing a run whose outputs would overwrite what it reads, or each other.
// Outputs replace their target by rename at the end, so `-o a.csv a.csv`
// would destroy the input (and a record's only proof) without any error;
// two outputs on one file would leave only the last one renamed.
#include <optional>
#include <string>
#include <vector>

namespace shortlist::cmd {

/// A file named on the command line: the option or role that names it
/// ("-o", "--decisions", "input", "rules file") and the path as given.
struct NamedPath {
  std::string role;
  std::string path;
};

/// The first output that is also one of `reads` (inputs and rules file) or
/// another output, as a message naming both; nullopt when every output is its
/// own file. Existing files compare by identity (device and inode, so a
/// symlink or hard link to an input matches), others by absolute normalized
/// path. "-" (standard input or output) is no path and never clashes, nor
/// does an existing file that is not a regular one (a device or a pipe).
std::optional<std::string> output_path_clash(const std::vector<NamedPath>& outputs,
                                             const std::vector<NamedPath>& reads);

}  // namespace shortlist::cmd
