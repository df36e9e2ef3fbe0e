// Text normalization and phrase matching (SPEC 3.3).
//
// utf8proc does the Unicode work in one pass: compatibility decomposition (NFKC's
// "K": ligatures, fullwidth forms, superscripts), full case folding ("ß" -> "ss"),
// removal of combining marks (so "é", whether written precomposed or as "e" plus
// U+0301, becomes "e"), then canonical composition. A second pass keeps letters
// and numbers and turns every other run into one space (SPEC 3.3: every
// character that is neither is a word break, a zero-width space included),
// which reduces phrase matching on word boundaries to matching sequences of
// words split at single spaces (PhraseSet, in phrase_set.cpp).
//
// Invisible characters that belong inside a word are the exception: a soft
// hyphen, a zero-width joiner or non-joiner, a word joiner, a byte-order mark,
// variation selectors and bidirectional marks are dropped without a break, so
// that "co\u00ADoperation" stays one word. Splitting there would make phrases
// fail to match, and a phrase that fails to match can fail a knock-out.
#include "shortlist/text.hpp"

#include <simdjson.h>
#include <utf8proc.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <utility>

namespace shortlist {
namespace {

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

constexpr auto kMapOptions =
    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                   UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);

// Invisible characters that sit inside words (see the top of the file).
bool is_in_word_format(utf8proc_int32_t cp) {
  return cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x200C || cp == 0x200D ||
         cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF ||
         (cp >= 0x180B && cp <= 0x180D) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         (cp >= 0xE0100 && cp <= 0xE01EF);
}

bool is_letter_or_number(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// Keeps letters and numbers of the mapped UTF-8 and collapses the rest to single
// spaces, with none at either end.
void collapse_separators(const utf8proc_uint8_t* s, utf8proc_ssize_t length, std::string& out) {
  out.clear();
  bool pending_space = false;
  utf8proc_ssize_t pos = 0;
  while (pos < length) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(s + pos, length - pos, &cp);
    if (n <= 0) break;  // cannot happen: utf8proc wrote this text itself
    if (is_letter_or_number(cp)) {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(reinterpret_cast<const char*>(s + pos), static_cast<std::size_t>(n));
    } else if (is_in_word_format(cp)) {
      // dropped without a break
    } else {
      pending_space = !out.empty();
    }
    pos += n;
  }
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) { return simdjson::validate_utf8(bytes); }

namespace {

// For ASCII text NFKC is the identity, case folding is lowering and no
// character is a mark or default-ignorable, so the normalization reduces to
// this loop. Most applicant data is ASCII; this skips utf8proc's allocations.
// False, with `out` unspecified, at the first byte that is not ASCII.
// What each byte becomes on the ASCII path: the lower case of a letter or
// digit, 0 for every other byte (a word break, or a byte past ASCII, which
// sends the text to utf8proc).
constexpr std::array<char, 256> kAsciiFold = [] {
  std::array<char, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = static_cast<char>(c);
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = static_cast<char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = static_cast<char>(c - 'A' + 'a');
  return t;
}();

// Sixteen bytes at a time: each letter lowered, each break made a space, in
// a few vector instructions, up to a break that follows a break, after which
// the run of breaks is skipped. The last bytes go run by run: a run of
// breaks becomes one space, a run of letters and digits is copied in lower
// case (a loop per run, not a branch per byte: 1 ns a byte, against 1.4 to
// 2.2 for a branch per byte). A space is written after each word that a
// break follows, so the one after the last word is taken back at the end.
bool normalize_ascii(std::string_view text, std::string& out) {
  out.resize(text.size());
  char* const start = out.data();
  char* o = start;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = s + text.size();
  bool after_break = true;  // breaks before the first word are dropped
  unsigned high = 0;        // any byte past ASCII sets its top bit here
  // Run by run up to `limit` (the runs may go past it).
  const auto by_runs = [&](const unsigned char* limit) {
    while (s < limit) {
      if (kAsciiFold[*s] != 0) {
        while (s < end && kAsciiFold[*s] != 0) *o++ = kAsciiFold[*s++];
        after_break = false;
      } else {
        while (s < end && kAsciiFold[*s] == 0) high |= *s++;
        if (!after_break) *o++ = ' ';
        after_break = true;
      }
    }
  };
#if defined(__SSE2__)
  const __m128i below_upper = _mm_set1_epi8('A' - 1), above_upper = _mm_set1_epi8('Z' + 1);
  const __m128i below_lower = _mm_set1_epi8('a' - 1), above_lower = _mm_set1_epi8('z' + 1);
  const __m128i below_digit = _mm_set1_epi8('0' - 1), above_digit = _mm_set1_epi8('9' + 1);
  const __m128i case_bit = _mm_set1_epi8(0x20), spaces = _mm_set1_epi8(' ');
  const auto in = [](__m128i x, __m128i below, __m128i above) {
    return _mm_and_si128(_mm_cmpgt_epi8(x, below), _mm_cmplt_epi8(x, above));
  };
  while (end - s >= 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
    if (_mm_movemask_epi8(x) != 0) return false;  // past ASCII: utf8proc's (and signed compares hold)
    const __m128i upper = in(x, below_upper, above_upper);
    const __m128i word = _mm_or_si128(
        upper, _mm_or_si128(in(x, below_lower, above_lower), in(x, below_digit, above_digit)));
    const auto breaks = static_cast<unsigned>(~_mm_movemask_epi8(word)) & 0xFFFFu;
    const __m128i lowered = _mm_add_epi8(x, _mm_and_si128(upper, case_bit));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o),
                     _mm_or_si128(_mm_and_si128(word, lowered), _mm_andnot_si128(word, spaces)));
    // A break after a break (". " ends most sentences) writes nothing: what
    // was stored before it stands, and the run of breaks it is in is skipped.
    const unsigned doubled = breaks & ((breaks << 1) | (after_break ? 1u : 0u));
    if (doubled == 0) {
      o += 16;
      s += 16;
      after_break = (breaks >> 15) != 0;
      continue;
    }
    const auto kept = static_cast<unsigned>(__builtin_ctz(doubled));
    o += kept;
    s += kept;
    while (s < end && kAsciiFold[*s] == 0) high |= *s++;
    after_break = true;
  }
#endif
  by_runs(end);
  if (high & 0x80) return false;
  if (o != start && o[-1] == ' ') --o;
  out.resize(static_cast<std::size_t>(o - start));
  return true;
}

}  // namespace

bool normalize_text_into(std::string_view text, std::string& out) {
  if (normalize_ascii(text, out)) return true;
  out.clear();
  if (!is_valid_utf8(text)) return false;
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped, kMapOptions);
  const std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owner(mapped);
  if (length < 0) return false;
  collapse_separators(mapped, length, out);
  return true;
}

std::optional<std::string> normalize_text(std::string_view text) {
  std::string out;
  if (!normalize_text_into(text, out)) return std::nullopt;
  return out;
}

std::optional<std::string> fold_case(std::string_view text) {
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string out(text);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  if (!is_valid_utf8(text)) return std::nullopt;
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                   static_cast<utf8proc_option_t>(kMapOptions | UTF8PROC_IGNORE));
  const std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owner(mapped);
  if (length < 0) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

std::string fold_key(std::string_view text) {
  std::string out;
  fold_key_into(text, out);
  return out;
}

const std::string& fold_key_into(std::string_view text, std::string& out) {
  if (!normalize_text_into(text, out)) out.assign(text);
  return out;
}

std::string compact_key(std::string_view normalized) {
  std::string out;
  out.reserve(normalized.size());
  for (char c : normalized)
    if (c != ' ') out += c;
  return out;
}

}  // namespace shortlist
