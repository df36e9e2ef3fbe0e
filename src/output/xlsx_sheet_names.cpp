#include "output/xlsx_sheet_names.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace shortlist {
namespace {

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

bool refused_in_name(utf8proc_int32_t cp) {
  switch (cp) {
    case '[': case ']': case ':': case '*': case '?': case '/': case '\\': return true;
    default: return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
  }
}

// Steps 1 and 2: `text` with the characters a sheet name cannot hold
// replaced, cut to `limit` UTF-16 units.
std::string cleaned(std::string_view text, std::size_t limit) {
  std::string out;
  std::size_t units = 0;
  const auto* s = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto length = static_cast<utf8proc_ssize_t>(text.size());
  for (utf8proc_ssize_t pos = 0; pos < length;) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(s + pos, length - pos, &cp);
    const bool bad = n <= 0;
    if (bad) n = 1;
    const std::size_t width = !bad && cp > 0xFFFF ? 2 : 1;
    if (units + width > limit) break;
    units += width;
    if (bad || refused_in_name(cp))
      out += '_';
    else
      out.append(text.substr(static_cast<std::size_t>(pos), static_cast<std::size_t>(n)));
    pos += n;
  }
  return out;
}

// How Excel compares names: letter case aside. `name` is valid UTF-8.
std::string folded(std::string_view name) {
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
      static_cast<utf8proc_ssize_t>(name.size()), &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  const std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owner(mapped);
  if (length < 0) return std::string(name);
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

}  // namespace

XlsxSheetNames::XlsxSheetNames() { taken_.insert(folded("History")); }

std::string XlsxSheetNames::add(std::string_view id) {
  std::string name = cleaned(id, kSheetNameMax);
  // Step 3.
  if (!name.empty() && name.front() == '\'') name.front() = '_';
  if (!name.empty() && name.back() == '\'') name.back() = '_';
  // Step 4. `base` is clean now, so cutting it again only shortens it.
  const std::string base = name;
  for (int n = 2; !taken_.insert(folded(name)).second; ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    name = cleaned(base, kSheetNameMax - suffix.size()) + suffix;
  }
  return name;
}

}  // namespace shortlist
