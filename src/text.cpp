// Text normalization and phrase matching (SPEC 3.3).
//
// utf8proc does the Unicode work in one pass: compatibility decomposition (NFKC's
// "K": ligatures, fullwidth forms, superscripts), full case folding ("ß" -> "ss"),
// removal of combining marks (so "é", whether written precomposed or as "e" plus
// U+0301, becomes "e"), removal of default-ignorable characters (a soft hyphen
// inside a word must not split it), then canonical composition. A second pass keeps
// letters and numbers and turns every other run into one space, which reduces
// phrase matching on word boundaries to matching sequences of words split at
// single spaces (PhraseSet, in phrase_set.cpp).
#include "shortlist/text.hpp"

#include <simdjson.h>
#include <utf8proc.h>

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
                                   UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);

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
std::string collapse_separators(const utf8proc_uint8_t* s, utf8proc_ssize_t length) {
  std::string out;
  out.reserve(static_cast<std::size_t>(length));
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
    } else {
      pending_space = !out.empty();
    }
    pos += n;
  }
  return out;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) { return simdjson::validate_utf8(bytes); }

namespace {

// For ASCII text NFKC is the identity, case folding is lowering and no
// character is a mark or default-ignorable, so the normalization reduces to
// this loop. Most applicant data is ASCII; this skips utf8proc's allocations.
std::optional<std::string> normalize_ascii(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) return std::nullopt;
    bool alnum = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
    if (!alnum) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += static_cast<char>(u >= 'A' && u <= 'Z' ? u + ('a' - 'A') : u);
  }
  return out;
}

}  // namespace

std::optional<std::string> normalize_text(std::string_view text) {
  if (auto ascii = normalize_ascii(text)) return ascii;
  if (!is_valid_utf8(text)) return std::nullopt;
  if (text.empty()) return std::string();
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped, kMapOptions);
  const std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owner(mapped);
  if (length < 0) return std::nullopt;
  return collapse_separators(mapped, length);
}

std::string fold_key(std::string_view text) {
  auto normalized = normalize_text(text);
  return normalized ? std::move(*normalized) : std::string(text);
}

}  // namespace shortlist
