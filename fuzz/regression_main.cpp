// The driver of the fuzz regression tests: runs a fuzz target's
// LLVMFuzzerTestOneInput once on each file named on the command line, or in a
// folder named there, in name order. A crash or a broken invariant kills the
// program on the file just announced; otherwise it prints how many passed.
// An empty folder fails, so that a misnamed corpus cannot pass unnoticed.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

// The files to run: each argument, or the regular files in it if it is a folder.
std::vector<fs::path> inputs(int argc, char** argv) {
  std::vector<fs::path> out;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg = argv[i];
    if (!fs::is_directory(arg)) {
      out.push_back(arg);
      continue;
    }
    std::vector<fs::path> in_folder;
    for (const auto& entry : fs::directory_iterator(arg))
      if (entry.is_regular_file()) in_folder.push_back(entry.path());
    std::sort(in_folder.begin(), in_folder.end());
    out.insert(out.end(), in_folder.begin(), in_folder.end());
  }
  return out;
}

bool run_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return false;
  }
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  std::fprintf(stderr, "running %s (%zu bytes)\n", path.c_str(), bytes.size());
  std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(data.data(), data.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<fs::path> files = inputs(argc, argv);
  if (files.empty()) {
    std::fprintf(stderr, "no inputs: give files or folders of them\n");
    return 1;
  }
  std::int64_t failed = 0;
  for (const auto& file : files) failed += run_file(file) ? 0 : 1;
  std::printf("%lld passed, %lld failed\n", static_cast<long long>(files.size()) - failed,
              static_cast<long long>(failed));
  return failed == 0 ? 0 : 1;
}
