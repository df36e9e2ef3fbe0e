#pragma once
// The country table generated at build time from Debian's iso-codes by
// cmake/generate_country_table.cpp (see cmake/country_table.cmake). Names are
// raw; src/values/country_names.cpp folds them. Entries name their text by
// offset into text() (see text_at.hpp): read them through unpack().
#include <span>
#include <string_view>

#include "values/text_at.hpp"

namespace shortlist::country_table {

/// One country's ISO 3166-1 codes.
struct CountryCodes {
  std::string_view alpha2;  ///< e.g. "DE"
  std::string_view alpha3;  ///< e.g. "DEU"
  std::string_view name;    ///< the English name people use: "Germany", "Bolivia"
};

/// A name of a country, paired with its alpha-2 code.
struct CountryName {
  std::string_view name;    ///< UTF-8, as written in iso-codes
  std::string_view alpha2;  ///< e.g. "DE"
};

/// The entries as the table holds them.
struct PackedCodes {
  TextAt alpha2, alpha3, name;
};
struct PackedName {
  TextAt name, alpha2;
};

/// All the text the entries name.
std::string_view text();
/// Every country of ISO 3166-1, sorted by alpha-2 code.
std::span<const PackedCodes> codes();
/// The English `name`, `common_name` and `official_name` of each country.
std::span<const PackedName> english_names();
/// Translations of the English names into the EU's official languages, without
/// exact duplicates of each other or of english_names().
std::span<const PackedName> translated_names();

inline CountryCodes unpack(const PackedCodes& c) {
  return {c.alpha2.in(text()), c.alpha3.in(text()), c.name.in(text())};
}
inline CountryName unpack(const PackedName& n) { return {n.name.in(text()), n.alpha2.in(text())}; }

}  // namespace shortlist::country_table
