// Diagnostics and "did you mean" suggestions.
//
// Suggestions follow ninja's SpellcheckString: the candidate with the smallest
// edit distance wins, ties go to the earlier candidate, and nothing is offered
// when even the best one is too far off to be a plausible typo. Transpositions
// count as one edit ("frist" -> "first"), as people swap letters more often
// than they replace them.
#include "shortlist/diagnostic.hpp"

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace shortlist {

std::string Diagnostic::formatted() const {
  std::string out;
  if (!path.empty()) out += path + ":";
  if (pos.line > 0) {
    out += std::to_string(pos.line) + ":";
    if (pos.column > 0) out += std::to_string(pos.column) + ":";
  }
  if (!out.empty()) out += " ";
  out += severity == Severity::kError ? "error: " : "warning: ";
  out += message;
  return out;
}

namespace {

// Optimal string alignment distance (Damerau-Levenshtein without repeated edits
// of one substring), in three rolling rows.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace

std::string suggest(const std::string& word, const std::vector<std::string>& candidates) {
  if (word.empty()) return {};
  // A third of the word's length: "atleast" may lose two letters, "EUU" one.
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  const std::string* best = nullptr;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t gap = candidate.size() > word.size() ? candidate.size() - word.size()
                                                           : word.size() - candidate.size();
    if (gap >= best_distance) continue;  // cannot beat the best
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = &candidate;
    }
  }
  return best ? *best : std::string();
}

}  // namespace shortlist
