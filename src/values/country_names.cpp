// Folding the names of countries into the index resolve_country searches
// (see country_names.hpp). The names come from a table generated at build
// time from Debian's iso-codes (src/values/country_table.hpp): the English
// names and their translations into the EU's official languages. They are
// folded with fold_key, the same function that folds the user's input, so
// that both sides agree on what "the same name" means.
//
// Two names can fold to one key. Hand-written names and English names come
// first: a translation never overrides them. Among translations, a key
// claimed by two countries is dropped, since guessing would put applicants in
// the wrong country. With iso-codes 4.15 the only such key is handled in
// kHandWrittenNames.
#include "values/country_names.hpp"

#include <map>
#include <set>
#include <span>

#include "shortlist/text.hpp"
#include "values/country_table.hpp"

namespace shortlist {
namespace {

using country_table::CountryName;
using country_table::unpack;
// Hand-written names are CountryNames already.
CountryName unpack(const CountryName& name) { return name; }

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

using KeyMap = std::map<std::string, std::string_view>;

// Folded names of one tier: each key to its code, minus keys two codes claim.
class NameTier {
 public:
  template <class Names>
  void add(const Names& names) {
    for (const auto& row : names) {
      const CountryName entry = unpack(row);
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
  std::set<std::string> ambiguous_;
};

}  // namespace

std::vector<std::pair<std::string, std::string_view>> fold_country_names() {
  NameTier first;
  first.add(kHandWrittenNames);
  first.add(country_table::english_names());
  NameTier translations;
  translations.add(country_table::translated_names());
  KeyMap by_name = std::move(first.codes());
  for (auto& [key, code] : translations.codes()) {
    if (!first.claims(key)) by_name.emplace(key, code);
  }
  return {std::make_move_iterator(by_name.begin()), std::make_move_iterator(by_name.end())};
}

}  // namespace shortlist
