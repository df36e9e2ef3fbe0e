#pragma once
// The country table generated at build time from Debian's iso-codes by
// cmake/generate_country_table.cpp (see cmake/country_table.cmake). Names are
// raw; src/values/country.cpp normalizes them.
#include <span>
#include <string_view>

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

/// Every country of ISO 3166-1, sorted by alpha-2 code.
std::span<const CountryCodes> codes();
/// The English `name`, `common_name` and `official_name` of each country.
std::span<const CountryName> english_names();
/// Translations of the English names into the EU's official languages, without
/// exact duplicates of each other or of english_names().
std::span<const CountryName> translated_names();

}  // namespace shortlist::country_table
