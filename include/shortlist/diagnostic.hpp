#pragma once
// Diagnostics collected while checking rules or inputs. The library never prints
// them; the command layer does.
#include <cstdint>
#include <string>
#include <vector>

namespace shortlist {

/// A 1-based position in a file; 0 means unknown.
struct SourcePos {
  std::int64_t line = 0;
  std::int64_t column = 0;
};

struct Diagnostic {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  std::string path;
  SourcePos pos;
  std::string message;

  /// "path:line:col: error: message", the form of SPEC 2.
  std::string formatted() const;
};

/// The closest of `candidates` to `word` by edit distance, if close enough to be
/// a likely misspelling; empty otherwise.
std::string suggest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace shortlist
