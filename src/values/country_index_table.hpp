#pragma once
// The country names folded at build time by cmake/generate_country_index.cpp
// (see src/values/country_names.hpp): what fold_country_names() gives,
// generated as a table whose entries name their text by offset (text_at.hpp).
#include <span>
#include <string_view>

#include "values/text_at.hpp"

namespace shortlist::country_index_table {

/// A folded name and its country's alpha-2 code.
struct PackedFoldedName {
  TextAt key;
  char alpha2[2];
};

/// All the text the keys name.
std::string_view text();
/// The folded names, sorted by key, each key once.
std::span<const PackedFoldedName> names();
/// utf8proc_version() of the library the names were folded with.
std::string_view folded_with_utf8proc();

}  // namespace shortlist::country_index_table
