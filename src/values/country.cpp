// Countries (SPEC 3.1 `country`).
//
// Codes are looked up in the ISO 3166-1 table generated at build time from
// Debian's iso-codes (src/values/country_table.hpp); names in the index of
// their folded forms, folded at build time too when it can be (see
// src/values/country_names.hpp).
#include "shortlist/country.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "shortlist/text.hpp"
#include "values/country_name_index.hpp"
#include "values/country_names.hpp"
#include "values/country_table.hpp"
#include "values/recent_memo.hpp"

namespace shortlist {
namespace {

constexpr std::array<std::string_view, 27> kEu = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};
constexpr std::array<std::string_view, 30> kEea = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK"};
constexpr std::array<std::string_view, 4> kEfta = {"CH", "IS", "LI", "NO"};

// Territories with their own ISO 3166-1 code that belong to a Member State or
// an EEA state (SPEC 3.1 v1.1): the outermost regions, Åland, and the overseas
// countries and territories; Norway's Svalbard and Bouvet Island for the EEA.
constexpr Territory kTerritories[] = {
    {"AW", "NL"}, {"AX", "FI"}, {"BL", "FR"}, {"BQ", "NL"}, {"BV", "NO"}, {"CW", "NL"},
    {"FO", "DK"}, {"GF", "FR"}, {"GL", "DK"}, {"GP", "FR"}, {"MF", "FR"}, {"MQ", "FR"},
    {"NC", "FR"}, {"PF", "FR"}, {"PM", "FR"}, {"RE", "FR"}, {"SJ", "NO"}, {"SX", "NL"},
    {"TF", "FR"}, {"WF", "FR"}, {"YT", "FR"}};

using KeyMap = std::unordered_map<std::string, std::string_view>;

struct CountryIndex {
  KeyMap by_code;            // "DE" and "DEU" to "DE"
  CountryNameIndex by_name;  // fold_key of a name to its alpha-2 code
};

KeyMap index_codes() {
  KeyMap by_code;
  for (const country_table::PackedCodes& packed : country_table::codes()) {
    const country_table::CountryCodes country = country_table::unpack(packed);
    by_code.emplace(country.alpha2, country.alpha2);
    by_code.emplace(country.alpha3, country.alpha2);
  }
  // The EU's own abbreviations: Greece is EL and the United Kingdom UK in its texts.
  by_code.emplace("EL", by_code.at("GR"));
  by_code.emplace("UK", by_code.at("GB"));
  return by_code;
}

const CountryIndex& country_index() {
  static const CountryIndex index{index_codes(),
                                  CountryNameIndex(CountryNameIndex::build_table_usable())};
  return index;
}

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Codes are 2 or 3 ASCII letters; anything else cannot be one.
std::optional<std::string> as_code(std::string_view text) {
  if (text.size() != 2 && text.size() != 3) return std::nullopt;
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') return std::nullopt;
  }
  return upper;
}

std::optional<std::string_view> find(const KeyMap& map, const std::string& key) {
  const auto found = map.find(key);
  if (found == map.end()) return std::nullopt;
  return found->second;
}

}  // namespace

std::optional<std::string_view> resolve_country(std::string_view text) {
  text = trim(text);
  const CountryIndex& index = country_index();
  if (const auto code = as_code(text)) {
    if (const auto found = find(index.by_code, *code)) return found;
  }
  // A short word that is not a code may still be a name. Names repeat from
  // record to record, and normalizing one is the costly part.
  thread_local RecentMemo<std::optional<std::string_view>> recent;
  return recent.get(text, [&index](std::string_view name) -> std::optional<std::string_view> {
    thread_local std::string buffer;
    const std::string& key = fold_key_into(name, buffer);
    if (key.empty()) return std::nullopt;
    if (const auto found = index.by_name.find(key)) return found;
    // English puts an article before some names ("the Netherlands", "The
    // Czech Republic") that the tables list without it.
    if (key.starts_with("the ")) return index.by_name.find(std::string_view(key).substr(4));
    return std::nullopt;
  });
}

bool country_index_from_build() { return country_index().by_name.from_build(); }

std::span<const Territory> territories() { return kTerritories; }

std::optional<std::string_view> territory_state(std::string_view code) {
  for (const Territory& t : kTerritories)
    if (t.code == code) return t.state;
  return std::nullopt;
}

std::optional<std::string_view> country_name(std::string_view code) {
  const auto table = country_table::codes();  // sorted by alpha-2 code
  const auto it = std::lower_bound(table.begin(), table.end(), code,
                                   [](const country_table::PackedCodes& c, std::string_view key) {
                                     return c.alpha2.in(country_table::text()) < key;
                                   });
  if (it == table.end() || it->alpha2.in(country_table::text()) != code) return std::nullopt;
  return it->name.in(country_table::text());
}

std::optional<std::span<const std::string_view>> builtin_country_set(std::string_view name) {
  if (name == "EU") return kEu;
  if (name == "EEA") return kEea;
  if (name == "EFTA") return kEfta;
  return std::nullopt;
}

}  // namespace shortlist
