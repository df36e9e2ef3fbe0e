#pragma once
// Text normalization and phrase matching (SPEC 3.3).
//
// Values of `text` fields and the phrases they are matched against are normalized
// the same way: Unicode NFKC, case folding, accents removed, and every run of
// characters that are neither letters nor digits replaced by one space (leading and
// trailing spaces dropped). A phrase then matches when its normalized words occur
// consecutively on word boundaries of the normalized text.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shortlist {

/// True if `bytes` is well-formed UTF-8.
bool is_valid_utf8(std::string_view bytes);

/// Normalizes `text` as SPEC 3.3 says; nullopt if it is not valid UTF-8.
std::optional<std::string> normalize_text(std::string_view text);

/// Case-insensitive, accent-insensitive key for vocabulary look-ups (scale
/// entries, aliases, booleans, country names): normalize_text, or the input
/// unchanged when it is not valid UTF-8.
std::string fold_key(std::string_view text);

/// A set of phrases compiled once per run; finds which occur in a normalized text.
class PhraseSet {
 public:
  PhraseSet() = default;
  /// `phrases` as written in the rules; they are normalized here. Phrases that
  /// normalize to nothing never match.
  explicit PhraseSet(const std::vector<std::string>& phrases);

  std::size_t size() const { return phrases_.size(); }
  /// The i-th phrase, normalized.
  const std::string& phrase(std::size_t i) const { return phrases_[i]; }
  /// Marks found[i] = true for each phrase i found in `normalized` (which must
  /// already be normalized). `found` is resized to size() and not cleared
  /// beforehand, so several texts can be scanned into one result.
  void find(std::string_view normalized, std::vector<bool>& found) const;

 private:
  std::vector<std::string> phrases_;
};

}  // namespace shortlist
