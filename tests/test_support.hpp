#pragma once
// Helpers shared by the tests: paths, temporary folders, running the binary.
#include <filesystem>
#include <string>

namespace shortlist::test {

/// The project's root folder.
std::filesystem::path source_dir();
/// `../shared` beside the project root; empty if it is not there (a user's clone).
std::filesystem::path shared_dir();

/// A fresh temporary folder, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  /// Writes `content` to `name` inside the folder and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

/// Reads a whole file.
std::string read_file(const std::filesystem::path& path);

/// What a run of the built `shortlist` binary gave.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs the built binary with `args` (a shell-quoted argument string) in
/// `working_dir`, feeding `stdin_text` on standard input.
RunResult run_shortlist(const std::string& args, const std::filesystem::path& working_dir,
                        const std::string& stdin_text = "");

/// Quotes one argument for the shell.
std::string shell_quote(const std::string& arg);

}  // namespace shortlist::test
