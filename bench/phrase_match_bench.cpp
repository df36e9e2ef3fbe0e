// phrase_match_bench [TEXTS] [SEED]
//
// Times phrase matching on CV-like texts: the phrase-by-phrase search that
// PhraseSet::find used before (one substring scan of the text per phrase,
// reimplemented here) against PhraseSet::find (one pass of a word automaton).
// The texts are generated and normalized first, outside the timings; each
// approach then scans every text with 50 phrases. Both must find the same
// phrases, or the program fails. Deterministic for a given seed. See
// docs/performance.md for figures.
#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "shortlist/text.hpp"

#include "bench_random.hpp"

namespace {

using shortlist::bench::Random;

constexpr std::array<std::string_view, 50> kPhrases = {
    "machine learning", "deep learning", "Red-Teaming", "bias", "model evaluation",
    "large language models", "Python", "PyTorch", "TensorFlow", "JAX",
    "data protection", "privacy", "cybersecurity", "AI ethics", "alignment",
    "interpretability", "reinforcement learning", "computer vision",
    "natural language processing", "risk assessment", "fairness", "robustness",
    "adversarial attacks", "threat modelling", "incident response", "policy analysis",
    "regulation", "standards", "conformity assessment", "audit", "SQL", "statistics",
    "econometrics", "project management", "stakeholder engagement", "public procurement",
    "legal drafting", "EU law", "competition law", "data governance", "cloud computing",
    "Kubernetes", "software engineering", "C++", "Rust", "benchmarking", "evaluation",
    "safety", "disinformation", "human rights"};

// Ordinary CV words, some of them near misses of the phrases' words.
constexpr std::array<std::string_view, 64> kWords = {
    "led", "managed", "team", "teams", "of", "the", "and", "for", "with", "in", "on", "to",
    "a", "research", "project", "projects", "developed", "designed", "models", "model",
    "learning", "machine", "data", "analysis", "biased", "unbiased", "policy", "law",
    "European", "Commission", "workshops", "meetings", "Member", "States", "reports",
    "drafted", "coordinated", "university", "PhD", "MSc", "thesis", "published", "papers",
    "conference", "experience", "years", "senior", "junior", "engineer", "scientist",
    "officer", "evaluations", "safe", "language", "large", "systems", "tools", "open",
    "source", "contributed", "internal", "training", "courses", "public"};

// One sentence of 6 to 14 words, about one in eight of them a phrase.
void append_sentence(Random& r, std::string& out) {
  const std::size_t words = 6 + r.below(9);
  for (std::size_t i = 0; i < words; ++i) {
    out += i == 0 ? "" : (r.below(10) == 0 ? ", " : " ");
    out += r.below(8) == 0 ? r.pick(kPhrases) : r.pick(kWords);
  }
  out += ". ";
}

// Normalized CV-like texts of 3 to 8 sentences each.
std::vector<std::string> make_texts(std::size_t n, std::uint64_t seed) {
  Random r{seed};
  std::vector<std::string> texts;
  texts.reserve(n);
  std::string raw;
  for (std::size_t i = 0; i < n; ++i) {
    raw.clear();
    const std::size_t sentences = 3 + r.below(6);
    for (std::size_t s = 0; s < sentences; ++s) append_sentence(r, raw);
    texts.push_back(shortlist::normalize_text(raw).value_or(std::string()));
  }
  return texts;
}

// The former PhraseSet::find: each phrase searched on its own, every
// occurrence checked for word boundaries.
bool contains_phrase(std::string_view text, std::string_view phrase) {
  if (phrase.empty()) return false;
  for (std::size_t pos = text.find(phrase); pos != std::string_view::npos;
       pos = text.find(phrase, pos + 1)) {
    const bool starts = pos == 0 || text[pos - 1] == ' ';
    const bool ends = pos + phrase.size() == text.size() || text[pos + phrase.size()] == ' ';
    if (starts && ends) return true;
  }
  return false;
}

void naive_find(const shortlist::PhraseSet& set, std::string_view text,
                std::vector<bool>& found) {
  found.resize(set.size(), false);
  for (std::size_t i = 0; i < set.size(); ++i)
    if (!found[i] && contains_phrase(text, set.phrase(i))) found[i] = true;
}

struct Pass {
  double seconds = 0;
  std::int64_t phrases_found = 0;  // summed over texts
  std::uint64_t signature = 0;     // of which phrases each text has: both passes must agree
};

// Scans each text into a fresh result with `find`, as screening does per value.
template <class Find>
Pass time_pass(const std::vector<std::string>& texts, Find find) {
  Pass pass;
  std::vector<bool> found;
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& text : texts) {
    found.clear();
    find(text, found);
    for (const bool f : found) {
      pass.phrases_found += f ? 1 : 0;
      pass.signature = pass.signature * 1099511628211ULL + (f ? 2 : 1);
    }
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  pass.seconds = elapsed.count();
  return pass;
}

void print_pass(std::string_view name, const Pass& pass, std::size_t texts) {
  fmt::print("{:<22} {:>8.3f} s {:>12.0f} texts/s\n", name, pass.seconds,
             static_cast<double>(texts) / pass.seconds);
}

}  // namespace

int main(int argc, char** argv) {
  const long long n = argc > 1 ? std::atoll(argv[1]) : 100000;
  if (n <= 0) {
    std::fprintf(stderr, "usage: phrase_match_bench [TEXTS] [SEED]\n");
    return 2;
  }
  const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 2024;
  const auto texts = make_texts(static_cast<std::size_t>(n), seed);
  std::size_t bytes = 0;
  for (const auto& t : texts) bytes += t.size();
  const shortlist::PhraseSet set(std::vector<std::string>(kPhrases.begin(), kPhrases.end()));

  const Pass naive = time_pass(texts, [&](std::string_view text, std::vector<bool>& found) {
    naive_find(set, text, found);
  });
  const Pass automaton = time_pass(texts, [&](std::string_view text, std::vector<bool>& found) {
    set.find(text, found);
  });

  fmt::print("{} texts, {:.0f} bytes each on average, {} phrases, {} phrases found\n",
             texts.size(), static_cast<double>(bytes) / static_cast<double>(texts.size()),
             set.size(), automaton.phrases_found);
  print_pass("phrase by phrase", naive, texts.size());
  print_pass("PhraseSet::find", automaton, texts.size());
  fmt::print("speed-up {:.1f}x\n", naive.seconds / automaton.seconds);
  if (naive.phrases_found != automaton.phrases_found || naive.signature != automaton.signature) {
    std::fprintf(stderr, "phrase_match_bench: the two passes found different phrases\n");
    return 1;
  }
  return 0;
}
