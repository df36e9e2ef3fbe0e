#pragma once
// The country names folded at build time by cmake/generate_country_index.cpp
// (see src/values/country_names.hpp): what fold_country_names() gives,
// generated as a table.
#include <span>
#include <string_view>

#include "values/country_names.hpp"

namespace shortlist::country_index_table {

/// The folded names, sorted by key.
std::span<const FoldedCountryName> names();
/// utf8proc_version() of the library the names were folded with.
std::string_view folded_with_utf8proc();

}  // namespace shortlist::country_index_table
