// Phrase matching in one pass (SPEC 3.3).
//
// A phrase matches when its normalized words occur consecutively on word
// boundaries of the normalized text: at the start or end of the text or next to
// a space. Searching for each phrase separately costs one scan of the text per
// phrase, and rules may hold dozens of phrases applied to every applicant's CV.
// PhraseSet instead compiles its phrases once into an Aho-Corasick automaton and
// reads each text once, whatever the number of phrases.
//
// The automaton works on whole words, not bytes. Split a text at every single
// space (so a stray double space gives an empty word). An occurrence of a phrase
// on word boundaries starts where a word starts, ends where a word ends, and its
// inner spaces fall on the text's spaces: the phrase's words equal consecutive
// words of the text, and the converse is as plain. Matching word sequences is
// therefore exactly the byte rule, with no boundary check left to do; "bias"
// and "biased" are simply different words. Each distinct word of the phrases gets
// an id from a hash map. A word of the text missing from the map belongs to no
// phrase, so no occurrence can cross it and the automaton restarts at the root;
// most words of a CV end there after one hash look-up.
//
// A byte-level automaton would also work, but it needs one state per byte of the
// phrases, a transition per byte of the text, and a boundary check on both ends
// of every candidate ("ai" is found inside "main" and then rejected). The word
// automaton has one state per word of the phrases and one transition per word.
//
// States are the word sequences that begin some phrase; the root is the empty
// one. Each state's transitions are kept sorted by word id and searched by
// bisection. Its fail link is its longest proper suffix that is also a state,
// followed when a word has no transition; as in any Aho-Corasick automaton the
// depth grows by at most one per word and every fail lowers it, so a text of n
// words costs at most 2n steps. Phrases that are suffixes of others ("learning"
// inside "machine learning") end at other states than the current one: each
// state's match link points to the nearest state on its fail chain (itself
// included) where some phrase ends, so reporting walks only states that do end
// phrases. Phrases that normalize alike are kept once. Empty
// phrases are never added, so the root ends nothing and serves as "no match".
#include "shortlist/text.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace shortlist {
namespace {

// Calls `visit` with each word of `text` split at every single space; an empty
// text is one empty word. The spaces are found sixteen bytes at a time (a CV's
// words are a few bytes long: a loop per byte cost 3 instructions a byte).
template <class Visit>
void for_each_word(std::string_view text, Visit visit) {
  const char* p = text.data();
  const char* const end = p + text.size();
  const char* word = p;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  for (; end - p >= 16; p += 16) {
    auto mask = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), space)));
    for (; mask != 0; mask &= mask - 1) {
      const char* at = p + __builtin_ctz(mask);
      visit(std::string_view(word, static_cast<std::size_t>(at - word)));
      word = at + 1;
    }
  }
#endif
  for (; p != end; ++p) {
    if (*p != ' ') continue;
    visit(std::string_view(word, static_cast<std::size_t>(p - word)));
    word = p + 1;
  }
  visit(std::string_view(word, static_cast<std::size_t>(end - word)));
}

// The first transition of `next` on a word not below `word`.
auto transition(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& next,
                std::uint32_t word) {
  return std::lower_bound(next.begin(), next.end(), word,
                          [](const auto& edge, std::uint32_t w) { return edge.first < w; });
}

}  // namespace

PhraseSet::PhraseSet(const std::vector<std::string>& phrases) {
  phrases_.reserve(phrases.size());
  std::unordered_set<std::string> seen;
  for (const std::string& phrase : phrases) {
    // An invalid phrase becomes empty, so it never matches. Phrases that
    // normalize alike are one phrase (SPEC 3.3 v1.1): "red teaming" and
    // "Red-Teaming" must not score twice for one mention.
    std::string normalized = normalize_text(phrase).value_or(std::string());
    if (seen.insert(normalized).second) phrases_.push_back(std::move(normalized));
  }
  nodes_.emplace_back();
  for (std::size_t i = 0; i < phrases_.size(); ++i)
    if (!phrases_[i].empty()) add_phrase(static_cast<std::uint32_t>(i));
  link_states();
}

void PhraseSet::add_phrase(std::uint32_t index) {
  std::uint32_t state = 0;
  for_each_word(phrases_[index], [&](std::string_view word) {
    const std::uint32_t w = words_.insert(word);
    word_shapes_[shape_length(word)].set(static_cast<unsigned char>(word.front()));
    auto& next = nodes_[state].next;
    const auto it = transition(next, w);
    if (it != next.end() && it->first == w) {
      state = it->second;
      return;
    }
    const auto child = static_cast<std::uint32_t>(nodes_.size());
    next.insert(it, {w, child});
    nodes_.emplace_back();  // may move every node: `next` is not used past here
    state = child;
  });
  nodes_[state].ends.push_back(index);
}

void PhraseSet::link_states() {
  // Breadth first, so that a state's fail link, which is shallower, is complete
  // before the state's children need it. The root is never taken from the
  // queue, so its children keep fail 0.
  std::deque<std::uint32_t> queue;
  for (const auto& edge : nodes_[0].next) queue.push_back(edge.second);
  while (!queue.empty()) {
    const std::uint32_t state = queue.front();
    queue.pop_front();
    Node& node = nodes_[state];
    node.match = node.ends.empty() ? nodes_[node.fail].match : state;
    for (const auto& [word, child] : node.next) {
      nodes_[child].fail = step(node.fail, word);
      queue.push_back(child);
    }
  }
}

std::uint32_t PhraseSet::step(std::uint32_t state, std::uint32_t word) const {
  for (;;) {
    const auto& next = nodes_[state].next;
    const auto it = transition(next, word);
    if (it != next.end() && it->first == word) return it->second;
    if (state == 0) return 0;
    state = nodes_[state].fail;
  }
}

void PhraseSet::mark(std::uint32_t state, std::vector<bool>& found) const {
  for (std::uint32_t s = nodes_[state].match; s != 0; s = nodes_[nodes_[s].fail].match)
    for (const std::uint32_t phrase : nodes_[s].ends) found[phrase] = true;
}

void PhraseSet::find(std::string_view normalized, std::vector<bool>& found) const {
  found.resize(phrases_.size(), false);
  if (nodes_.size() < 2) return;  // no phrase that can match
  std::uint32_t state = 0;
  for_each_word(normalized, [&](std::string_view word) {
    if (word.empty() ||
        !word_shapes_[shape_length(word)].test(static_cast<unsigned char>(word.front()))) {
      state = 0;  // in no phrase: as a word the table does not hold
      return;
    }
    const std::uint32_t w = words_.find(word);
    state = w == WordTable::kNone ? 0 : step(state, w);
    mark(state, found);
  });
}

std::uint64_t PhraseSet::WordTable::hash(std::string_view word) {
  std::uint64_t first = 0, last = 0;
  const std::size_t n = word.size();
  if (n >= 8) {
    std::memcpy(&first, word.data(), 8);
    std::memcpy(&last, word.data() + n - 8, 8);
  } else {
    std::memcpy(&first, word.data(), n);
  }
  std::uint64_t h = (first ^ 0x9E3779B97F4A7C15ULL) * 0xBF58476D1CE4E5B9ULL;
  h ^= (last + n) * 0x94D049BB133111EBULL;
  return h ^ (h >> 31);
}

std::uint32_t PhraseSet::WordTable::find(std::string_view word) const {
  if (slots_.empty()) return kNone;
  const std::uint64_t h = hash(word);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id == kNone) return kNone;
    if (slot.hash == h && slot.word == word) return slot.id;
  }
}

std::uint32_t PhraseSet::WordTable::insert(std::string_view word) {
  if (const std::uint32_t found = find(word); found != kNone) return found;
  const auto id = static_cast<std::uint32_t>(used_);
  if (2 * (used_ + 1) > slots_.size()) grow();
  const std::uint64_t h = hash(word);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  while (slots_[i].id != kNone) i = (i + 1) & mask;
  slots_[i] = Slot{h, id, std::string(word)};
  ++used_;
  return id;
}

void PhraseSet::WordTable::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<std::size_t>(16, old.size() * 2), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (Slot& slot : old) {
    if (slot.id == kNone) continue;
    std::size_t i = slot.hash & mask;
    while (slots_[i].id != kNone) i = (i + 1) & mask;
    slots_[i] = std::move(slot);
  }
}

}  // namespace shortlist
