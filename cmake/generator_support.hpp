#pragma once
// What the build-time generators share: text as a C++ string literal, the
// one array of text a table's entries point into, and main() around each
// one's work.
#include <cstdint>
#include <cstdio>
#include <exception>
#include <fstream>
#include <map>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "values/text_at.hpp"

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

// The text of a generated table, each distinct piece once, for its entries to
// name by TextAt (src/values/text_at.hpp) rather than by pointer.
class TextArray {
 public:
  TextAt add(std::string_view piece) {
    const auto [it, added] = at_.try_emplace(std::string(piece));
    if (added) {
      it->second = {static_cast<std::uint32_t>(text_.size()),
                    static_cast<std::uint32_t>(piece.size())};
      text_ += piece;
    }
    return it->second;
  }
  /// `{offset, size}`, as a TextAt's initializer.
  static std::string initializer(TextAt at) {
    return "{" + std::to_string(at.offset) + ", " + std::to_string(at.size) + "}";
  }
  /// Writes `constexpr char NAME[] = "...";`, the text in lines of some 100 bytes.
  void write(std::ostream& out, const char* name) const {
    out << "constexpr char " << name << "[] =\n";
    constexpr std::size_t kLine = 100;
    for (std::size_t i = 0; i < text_.size(); i += kLine)
      out << "    " << literal(std::string_view(text_).substr(i, kLine)) << "\n";
    if (text_.empty()) out << "    \"\"\n";
    out << "    ;\n\n";
  }

 private:
  std::string text_;
  std::map<std::string, TextAt> at_;
};

// Writes `text` to `path`; throws if it cannot.
inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path);
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
