// Countries (SPEC 3.1 `country`).
//
// The names come from a table generated at build time from Debian's iso-codes
// (src/values/country_table.hpp): the English names and their translations into the
// EU's official languages. They are folded here, at first use, with fold_key, the
// same function that folds the user's input, so that both sides agree on what
// "the same name" means.
//
// Two names can fold to one key. Hand-written names and English names come first:
// a translation never overrides them. Among translations, a key claimed by two
// countries is dropped, since guessing would put applicants in the wrong country.
// With iso-codes 4.15 the only such key is handled in kHandWrittenNames.
#include "shortlist/country.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "shortlist/text.hpp"
#include "values/country_table.hpp"
#include "values/recent_memo.hpp"

namespace shortlist {
namespace {

using country_table::CountryName;

// English adjectives of nationality of the EU, EEA and EFTA states, which
// application forms often ask for instead of the country's name; and names whose
// translations in iso-codes are wrong.
constexpr CountryName kHandWrittenNames[] = {
    {"Austrian", "AT"},        {"Belgian", "BE"},         {"Bulgarian", "BG"},
    {"Croatian", "HR"},        {"Cypriot", "CY"},         {"Czech", "CZ"},
    {"Danish", "DK"},          {"Dutch", "NL"},           {"Estonian", "EE"},
    {"Finnish", "FI"},         {"French", "FR"},          {"German", "DE"},
    {"Greek", "GR"},           {"Hungarian", "HU"},       {"Icelandic", "IS"},
    {"Irish", "IE"},           {"Italian", "IT"},         {"Latvian", "LV"},
    {"Liechtensteiner", "LI"}, {"Lithuanian", "LT"},      {"Luxembourger", "LU"},
    {"Luxembourgish", "LU"},   {"Maltese", "MT"},         {"Norwegian", "NO"},
    {"Polish", "PL"},          {"Portuguese", "PT"},      {"Romanian", "RO"},
    {"Slovak", "SK"},          {"Slovene", "SI"},         {"Slovenian", "SI"},
    {"Spanish", "ES"},         {"Swedish", "SE"},         {"Swiss", "CH"},
    // Islands shared by two states, and a special municipality, whose ISO
    // names ("Saint Martin (French part)") are not what people write.
    {"Saint Martin", "MF"},    {"Saint-Martin", "MF"},    {"Sint Maarten", "SX"},
    {"Bonaire", "BQ"},         {"Sint Eustatius", "BQ"},  {"Saba", "BQ"},
    {"Aland", "AX"},           {"Guyane", "GF"},
    // The Irish catalogue gives this, "Democratic Republic of the Congo", as the
    // translation of both that name and "People's Democratic Republic of Algeria".
    {"Poblacht Dhaonlathach an Chong\u00f3", "CD"},
};

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

// Folded names of one tier: each key to its code, minus keys two codes claim.
class NameTier {
 public:
  void add(std::span<const CountryName> names) {
    for (const CountryName& entry : names) {
      std::string key = fold_key(entry.name);
      if (key.empty() || ambiguous_.contains(key)) continue;
      const auto [it, inserted] = codes_.emplace(key, entry.alpha2);
      if (!inserted && it->second != entry.alpha2) {
        codes_.erase(it);
        ambiguous_.insert(std::move(key));
      }
    }
  }
  /// True if the tier has anything to say about `key`, even "ambiguous".
  bool claims(const std::string& key) const {
    return codes_.contains(key) || ambiguous_.contains(key);
  }
  KeyMap& codes() { return codes_; }

 private:
  KeyMap codes_;
  std::unordered_set<std::string> ambiguous_;
};

struct CountryIndex {
  KeyMap by_code;  // "DE" and "DEU" to "DE"
  KeyMap by_name;  // fold_key of a name to its alpha-2 code
};

KeyMap index_codes() {
  KeyMap by_code;
  for (const country_table::CountryCodes& country : country_table::codes()) {
    by_code.emplace(country.alpha2, country.alpha2);
    by_code.emplace(country.alpha3, country.alpha2);
  }
  // The EU's own abbreviations: Greece is EL and the United Kingdom UK in its texts.
  by_code.emplace("EL", by_code.at("GR"));
  by_code.emplace("UK", by_code.at("GB"));
  return by_code;
}

KeyMap index_names() {
  NameTier first;
  first.add(kHandWrittenNames);
  first.add(country_table::english_names());
  NameTier translations;
  translations.add(country_table::translated_names());
  KeyMap by_name = std::move(first.codes());
  for (auto& [key, code] : translations.codes()) {
    if (!first.claims(key)) by_name.emplace(key, code);
  }
  return by_name;
}

const CountryIndex& country_index() {
  static const CountryIndex index{index_codes(), index_names()};
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
    if (const auto found = find(index.by_name, key)) return found;
    // English puts an article before some names ("the Netherlands", "The
    // Czech Republic") that the tables list without it.
    if (key.starts_with("the ")) return find(index.by_name, key.substr(4));
    return std::nullopt;
  });
}

void build_country_index() { country_index(); }

std::span<const Territory> territories() { return kTerritories; }

std::optional<std::string_view> territory_state(std::string_view code) {
  for (const Territory& t : kTerritories)
    if (t.code == code) return t.state;
  return std::nullopt;
}

std::optional<std::string_view> country_name(std::string_view code) {
  const auto table = country_table::codes();  // sorted by alpha-2 code
  const auto it = std::lower_bound(
      table.begin(), table.end(), code,
      [](const country_table::CountryCodes& c, std::string_view key) { return c.alpha2 < key; });
  if (it == table.end() || it->alpha2 != code) return std::nullopt;
  return it->name;
}

std::optional<std::span<const std::string_view>> builtin_country_set(std::string_view name) {
  if (name == "EU") return kEu;
  if (name == "EEA") return kEea;
  if (name == "EFTA") return kEfta;
  return std::nullopt;
}

}  // namespace shortlist
