// The line under a diagnostic, with a caret (see source_excerpt.hpp). The
// file is read again, not kept from loading: a diagnostic stays a position
// and a message, and only a person's terminal or log needs the text.
#include "source_excerpt.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <string_view>

#include <fmt/format.h>

#include "colour.hpp"

namespace shortlist::cmd {
namespace {

// Longer lines are not echoed: a minified file, or no line a person reads.
constexpr std::size_t kMaxLine = 1000;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// Line `wanted` (1-based) of the file, without its line end; nullopt when
// the file has fewer lines or the line is longer than kMaxLine. Reads in
// pieces, so that a huge file costs no more memory than one piece.
std::optional<std::string> read_line(const std::string& path, std::int64_t wanted) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return std::nullopt;
  std::int64_t line = 1;
  std::string text;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    for (std::size_t i = 0; i < n; ++i) {
      const char c = buffer[i];
      if (line == wanted) {
        if (c == '\n') {
          if (!text.empty() && text.back() == '\r') text.pop_back();
          return text;
        }
        if (text.size() > kMaxLine) return std::nullopt;
        text += c;
      } else if (c == '\n') {
        ++line;
      }
    }
  }
  if (std::ferror(file.get()) || line != wanted) return std::nullopt;
  // The last line, without a line end; a file ending in '\n' has no line after it.
  if (!text.empty() && text.back() == '\r') text.pop_back();
  if (text.empty()) return std::nullopt;
  return text;
}

// The length of the UTF-8 sequence that starts `rest`, or 0 when it is not
// a valid one (overlong forms, surrogates and values past U+10FFFF included).
std::size_t utf8_length(std::string_view rest) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(rest[i]); };
  const unsigned char b = byte(0);
  std::size_t length = 0;
  unsigned min = 0;
  unsigned code = 0;
  if (b >= 0xC2 && b <= 0xDF) {
    length = 2;
    code = b & 0x1Fu;
    min = 0x80;
  } else if (b >= 0xE0 && b <= 0xEF) {
    length = 3;
    code = b & 0x0Fu;
    min = 0x800;
  } else if (b >= 0xF0 && b <= 0xF4) {
    length = 4;
    code = b & 0x07u;
    min = 0x10000;
  } else {
    return 0;
  }
  if (rest.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0u) != 0x80u) return 0;
    code = (code << 6) | (byte(i) & 0x3Fu);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

std::string source_excerpt(const std::string& path, std::int64_t line, std::int64_t column) {
  if (path.empty() || path == "-" || line <= 0 || column <= 0) return {};
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  const auto text = read_line(path, line);
  if (!text) return {};
  // The line as shown, and the blanks that put the caret under the byte at
  // `column`: one per character before it, a tab for a tab.
  std::string shown, blanks;
  const auto caret_at = static_cast<std::size_t>(column - 1);
  for (std::size_t i = 0; i < text->size();) {
    const auto c = static_cast<unsigned char>((*text)[i]);
    std::size_t length = 1;
    if (c == '\t') {
      shown += '\t';
    } else if (c < 0x20 || c == 0x7F) {
      shown += '?';
    } else if (c < 0x80) {
      shown += static_cast<char>(c);
    } else if ((length = utf8_length(std::string_view(*text).substr(i))) > 0) {
      shown.append(*text, i, length);
    } else {
      length = 1;
      shown += '?';
    }
    if (i < caret_at) blanks += c == '\t' ? '\t' : ' ';
    i += length;
  }
  // A column past the line's end (an error at the end of the line).
  if (caret_at > text->size()) blanks.append(caret_at - text->size(), ' ');
  const std::string number = std::to_string(line);
  const int width = std::max(5, static_cast<int>(number.size()));
  return fmt::format("{:>{}} | {}\n{:>{}} | {}{}\n", number, width, shown, "", width, blanks,
                     paint("^", Paint::kCaret));
}

}  // namespace shortlist::cmd
