#include "test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace shortlist::test {

std::filesystem::path source_dir() { return SHORTLIST_SOURCE_DIR; }

std::filesystem::path shared_dir() {
  auto dir = source_dir().parent_path() / "shared";
  return std::filesystem::is_directory(dir) ? dir : std::filesystem::path();
}

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  auto base = std::filesystem::temp_directory_path();
  for (;;) {
    auto candidate = base / ("shortlist-test-" + std::to_string(getpid()) + "-" +
                             std::to_string(counter++));
    if (std::filesystem::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& content) const {
  auto p = path_ / name;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
  return p;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string shell_quote(const std::string& arg) {
  std::string q = "'";
  for (char c : arg) {
    if (c == '\'')
      q += "'\\''";
    else
      q += c;
  }
  return q + "'";
}

RunResult run_shortlist(const std::string& args, const std::filesystem::path& working_dir,
                        const std::string& stdin_text) {
  TempDir io;
  auto in_path = io.write("stdin", stdin_text);
  auto out_path = io.path() / "stdout";
  auto err_path = io.path() / "stderr";
  std::string cmd = "cd " + shell_quote(working_dir.string()) + " && " +
                    shell_quote(SHORTLIST_BINARY) + " " + args + " <" +
                    shell_quote(in_path.string()) + " >" + shell_quote(out_path.string()) +
                    " 2>" + shell_quote(err_path.string());
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

}  // namespace shortlist::test
