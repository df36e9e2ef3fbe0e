#pragma once
// What the build-time generators share: text as a C++ string literal, and
// main() around each one's work.
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

namespace shortlist::generate {

// A C++ string literal; bytes outside printable ASCII as 3-digit octal escapes,
// which, unlike \x, cannot swallow the character that follows.
inline std::string literal(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte >= 0x20 && byte < 0x7f) {
      out += c;
    } else {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\%03o", static_cast<unsigned>(byte));
      out += escape;
    }
  }
  return out + "\"";
}

// Runs `run`; on an exception, says what went wrong, prefixed with `name`,
// removes the half-written output (argv[1]) and returns 1.
template <class Run>
int generator_main(const char* name, int argc, char** argv, Run run) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s: error: %s\n", name, error.what());
    if (argc > 1) std::remove(argv[1]);
    return 1;
  }
}

}  // namespace shortlist::generate
