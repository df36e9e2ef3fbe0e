#pragma once
// Text normalization and phrase matching (SPEC 3.3).
//
// Values of `text` fields and the phrases they are matched against are normalized
// the same way: Unicode NFKC, case folding, accents removed, and every run of
// characters that are neither letters nor digits replaced by one space (leading and
// trailing spaces dropped). A phrase then matches when its normalized words occur
// consecutively on word boundaries of the normalized text.
#include <algorithm>
#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace shortlist {

/// True if `bytes` is well-formed UTF-8.
bool is_valid_utf8(std::string_view bytes);

/// Normalizes `text` as SPEC 3.3 says; nullopt if it is not valid UTF-8.
std::optional<std::string> normalize_text(std::string_view text);

/// normalize_text into `out`, whose room is reused; false (and `out` empty) if
/// `text` is not valid UTF-8. ASCII text never allocates once `out` is warm.
bool normalize_text_into(std::string_view text, std::string& out);

/// Case-insensitive, accent-insensitive key for vocabulary look-ups (scale
/// entries, aliases, booleans, country names): normalize_text, or the input
/// unchanged when it is not valid UTF-8.
std::string fold_key(std::string_view text);
/// fold_key into `out`, whose room is reused; returns `out`.
const std::string& fold_key_into(std::string_view text, std::string& out);

/// Case folding without the separator pass: NFKC, case folded, accents and
/// default-ignorable characters removed, punctuation and spaces kept ("5+ Jahre"
/// -> "5+ jahre"). Used to compare number suffixes. nullopt if not valid UTF-8.
std::optional<std::string> fold_case(std::string_view text);

/// The letters and digits of a normalized text, without its spaces
/// ("py torch" -> "pytorch"): the key under which list items count as one.
std::string compact_key(std::string_view normalized);

/// A set of phrases compiled once per run into a word-level Aho-Corasick
/// automaton (src/values/phrase_set.cpp); finds which occur in a normalized text in
/// one pass over it. Immutable after construction, so threads may share it.
class PhraseSet {
 public:
  PhraseSet() = default;
  /// `phrases` as written in the rules; they are normalized here, and those that
  /// normalize alike are kept once. Phrases that normalize to nothing never match.
  explicit PhraseSet(const std::vector<std::string>& phrases);

  /// The number of distinct phrases.
  std::size_t size() const { return phrases_.size(); }
  /// The i-th distinct phrase, normalized.
  const std::string& phrase(std::size_t i) const { return phrases_[i]; }
  /// Marks found[i] = true for each phrase i found in `normalized` (which must
  /// already be normalized). `found` is resized to size() and not cleared
  /// beforehand, so several texts can be scanned into one result.
  void find(std::string_view normalized, std::vector<bool>& found) const;

 private:
  /// The distinct words of the phrases, each with its id: open addressing
  /// in a power-of-two table at most half full, with a hash of a word's
  /// first and last eight bytes. A text's words are looked up without being
  /// copied, and most are short: this costs a third of a general hash map.
  class WordTable {
   public:
    /// The id of `word`; a new word gets the next id, from 0.
    std::uint32_t insert(std::string_view word);
    /// The id of `word`; kNone when it is no word of the phrases.
    std::uint32_t find(std::string_view word) const;
    static constexpr std::uint32_t kNone = 0xFFFFFFFF;

   private:
    struct Slot {
      std::uint64_t hash = 0;
      std::uint32_t id = kNone;  ///< kNone: empty
      std::string word;
    };
    static std::uint64_t hash(std::string_view word);
    void grow();
    std::vector<Slot> slots_;
    std::size_t used_ = 0;
  };
  /// A state of the automaton: a sequence of words that begins some phrase.
  struct Node {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> next;  ///< (word, state), by word
    std::uint32_t fail = 0;     ///< longest proper suffix of this state that is a state
    std::uint32_t match = 0;    ///< nearest of this state and its fails ending a phrase; 0 none
    std::vector<std::uint32_t> ends;  ///< phrases (indices) made of exactly these words
  };

  /// Adds the words of phrase `index` to the trie.
  void add_phrase(std::uint32_t index);
  /// Sets the fail and match links, breadth first.
  void link_states();
  /// The state reached from `state` by the word with id `word`.
  std::uint32_t step(std::uint32_t state, std::uint32_t word) const;
  /// Marks every phrase that ends at `state`, its own and its suffixes'.
  void mark(std::uint32_t state, std::vector<bool>& found) const;

  std::vector<std::string> phrases_;
  /// Id of each distinct word of the phrases; any other word matches nothing.
  WordTable words_;
  /// Which (length, first byte) pairs words of the phrases have, lengths past
  /// 32 counted as 32: most words of a text are in no phrase, and this tells
  /// so before they are hashed.
  std::array<std::bitset<256>, 33> word_shapes_{};
  static std::size_t shape_length(std::string_view word) { return std::min<std::size_t>(word.size(), 32); }
  /// The automaton; nodes_[0] is the root (no word read yet).
  std::vector<Node> nodes_;
};

}  // namespace shortlist
