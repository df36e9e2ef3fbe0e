// Tests of the `country` type (SPEC 3.1): codes, names in the EU's languages, sets.
#include "shortlist/country.hpp"

#include <simdjson.h>
#include <utf8proc.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "test_support.hpp"
#include "values/country_index_table.hpp"
#include "values/country_name_index.hpp"
#include "values/country_names.hpp"

namespace {

using shortlist::builtin_country_set;
using shortlist::resolve_country;

const std::filesystem::path kIsoCodesJson = "/usr/share/iso-codes/json/iso_3166-1.json";
const std::filesystem::path kLocaleDir = "/usr/share/locale";
// The EU's official languages other than English, whose names come from the JSON.
const std::vector<std::string> kLanguages = {"bg", "cs", "da", "de", "el", "es", "et", "fi",
                                             "fr", "ga", "hr", "hu", "it", "lt", "lv", "mt",
                                             "nl", "pl", "pt", "ro", "sk", "sl", "sv"};
const std::vector<std::string> kEuStates = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK",
                                            "EE", "ES", "FI", "FR", "GR", "HR", "HU",
                                            "IE", "IT", "LT", "LU", "LV", "MT", "NL",
                                            "PL", "PT", "RO", "SE", "SI", "SK"};

std::optional<std::string> resolved(std::string_view text) {
  const auto code = resolve_country(text);
  if (!code) return std::nullopt;
  return std::string(*code);
}

std::vector<std::string> set_of(std::string_view name) {
  const auto set = builtin_country_set(name);
  REQUIRE(set.has_value());
  return std::vector<std::string>(set->begin(), set->end());
}

// A reader of the GNU .mo format of its own, so that the expectations do not come
// from the code under test: msgid -> msgstr.
std::map<std::string, std::string> read_mo(const std::filesystem::path& path) {
  const std::string bytes = shortlist::test::read_file(path);
  REQUIRE(bytes.size() >= 20);
  const auto byte_at = [&](std::size_t i) {
    return std::uint32_t{static_cast<unsigned char>(bytes.at(i))};
  };
  const bool big_endian = byte_at(0) == 0x95;
  const auto word = [&](std::size_t offset) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      value = (value << 8) | byte_at(big_endian ? offset + i : offset + 3 - i);
    }
    return value;
  };
  REQUIRE(word(0) == 0x950412deU);
  const auto text = [&](std::size_t table, std::size_t index) {
    return bytes.substr(word(table + 8 * index + 4), word(table + 8 * index));
  };
  std::map<std::string, std::string> messages;
  for (std::size_t i = 0; i < word(8); ++i) messages[text(word(12), i)] = text(word(16), i);
  return messages;
}

struct IsoCountry {
  std::string alpha2;
  std::string name;
  std::string official_name;
};

std::map<std::string, IsoCountry> read_iso_countries() {
  simdjson::dom::parser parser;
  simdjson::dom::element document = parser.load(kIsoCodesJson.string());
  std::map<std::string, IsoCountry> countries;
  for (simdjson::dom::object entry : document["3166-1"].get_array()) {
    IsoCountry country;
    country.alpha2 = std::string(std::string_view(entry["alpha_2"]));
    country.name = std::string(std::string_view(entry["name"]));
    std::string_view official;
    if (entry["official_name"].get(official) == simdjson::SUCCESS) {
      country.official_name = std::string(official);
    }
    countries[country.alpha2] = country;
  }
  return countries;
}

}  // namespace

TEST_CASE("every EU state's name in each of the EU's languages resolves to it", "[country]") {
  if (!std::filesystem::exists(kIsoCodesJson)) {
    WARN("iso-codes is not installed (" << kIsoCodesJson << "); skipped");
    return;
  }
  const auto countries = read_iso_countries();
  std::int64_t checked = 0;
  for (const std::string& code : kEuStates) {
    const IsoCountry& country = countries.at(code);
    INFO(code << " " << country.name);
    CHECK(resolved(country.name) == code);
    if (!country.official_name.empty()) {
      CHECK(resolved(country.official_name) == code);
    }
  }
  for (const std::string& language : kLanguages) {
    const auto mo = kLocaleDir / language / "LC_MESSAGES" / "iso_3166-1.mo";
    if (!std::filesystem::exists(mo)) {
      WARN("no " << mo << "; skipped");
      continue;
    }
    const auto messages = read_mo(mo);
    for (const std::string& code : kEuStates) {
      const IsoCountry& country = countries.at(code);
      for (const std::string& english : {country.name, country.official_name}) {
        const auto translation = messages.find(english);
        if (english.empty() || translation == messages.end()) continue;
        INFO(language << ": " << english << " = " << translation->second);
        CHECK(resolved(translation->second) == code);
        ++checked;
      }
    }
  }
  // 27 states in 23 languages, most with an official name too: at least the
  // short names must nearly all have been there.
  CHECK(checked > 27 * 20);
}

TEST_CASE("names resolved on several threads at once, the first ones among them", "[country]") {
  // The index is set up at the first name resolved, whichever thread asks:
  // every thread finds the same names in it.
  std::vector<std::optional<std::string_view>> found(6);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < found.size(); ++i)
    threads.emplace_back([&found, i] {
      found[i] = resolve_country(i % 2 == 0 ? "Deutschland" : "Allemagne");
    });
  for (auto& t : threads) t.join();
  for (const auto& code : found) CHECK(code == std::optional<std::string_view>("DE"));
  CHECK(resolve_country("Allemagne") == std::optional<std::string_view>("DE"));
}

TEST_CASE("the names' index folded at build time is the one folded now, and the one in use",
          "[country]") {
  // The build folds the names with the program's own code; a run uses that
  // table only with the utf8proc it was folded with. Here, built and run on
  // one machine, they must be the same library, the table must be in use,
  // and it must hold exactly what folding the names now gives.
  CHECK(shortlist::country_index_table::folded_with_utf8proc() == utf8proc_version());
  CHECK(shortlist::country_index_from_build());
  const auto built = shortlist::country_index_table::names();
  const auto now = shortlist::fold_country_names();
  REQUIRE(built.size() == now.size());
  CHECK(built.size() > 5000);  // 250 countries in 24 languages, less what folds alike
  const auto key = [&built](std::size_t i) {
    return built[i].key.in(shortlist::country_index_table::text());
  };
  std::size_t differing = 0;
  for (std::size_t i = 0; i < now.size(); ++i)
    if (key(i) != now[i].first || std::string_view(built[i].alpha2, 2) != now[i].second)
      ++differing;
  CHECK(differing == 0);
  // Searched by halves: sorted, each key once.
  std::size_t out_of_order = 0;
  for (std::size_t i = 1; i < built.size(); ++i)
    if (!(key(i - 1) < key(i))) ++out_of_order;
  CHECK(out_of_order == 0);
}

TEST_CASE("the names folded now, used when utf8proc is not the build's, find what the build's "
          "table finds",
          "[country]") {
  // A run whose utf8proc differs from the build's folds the names itself
  // (CountryNameIndex(false)); both indexes must give every name's code.
  const shortlist::CountryNameIndex built(true), now(false);
  CHECK(built.from_build());
  CHECK_FALSE(now.from_build());
  std::size_t differing = 0;
  const auto folded = shortlist::fold_country_names();
  for (const auto& [key, code] : folded)
    if (built.find(key) != std::optional<std::string_view>(code) ||
        now.find(key) != std::optional<std::string_view>(code))
      ++differing;
  CHECK(differing == 0);
  // Worked out by hand: the German and French names of Germany and the Greek
  // name of Greece ("\u0395\u03bb\u03bb\u03ac\u03b4\u03b1"), folded: lower case,
  // the accent dropped, the letters kept.
  for (const auto* index : {&built, &now}) {
    CHECK(index->find("deutschland") == std::optional<std::string_view>("DE"));
    CHECK(index->find("allemagne") == std::optional<std::string_view>("DE"));
    CHECK(index->find("\u03b5\u03bb\u03bb\u03b1\u03b4\u03b1") ==
          std::optional<std::string_view>("GR"));
    CHECK_FALSE(index->find("atlantis"));
    CHECK_FALSE(index->find(""));
    CHECK_FALSE(index->find("deutschlan"));  // a prefix of a key is not a key
  }
}

TEST_CASE("alpha-2 codes resolve in any case, with EL and UK", "[country]") {
  CHECK(resolved("DE") == "DE");
  CHECK(resolved("de") == "DE");
  CHECK(resolved("Fr") == "FR");
  CHECK(resolved(" IE ") == "IE");
  CHECK(resolved("CH") == "CH");
  CHECK(resolved("GR") == "GR");
  CHECK(resolved("EL") == "GR");
  CHECK(resolved("el") == "GR");
  CHECK(resolved("UK") == "GB");
  CHECK(resolved("uk") == "GB");
  CHECK(resolved("GB") == "GB");
}

TEST_CASE("alpha-3 codes resolve in any case", "[country]") {
  CHECK(resolved("fra") == "FR");
  CHECK(resolved("DEU") == "DE");
  CHECK(resolved("Grc") == "GR");
  CHECK(resolved("GBR") == "GB");
  CHECK(resolved("NLD") == "NL");
  CHECK(resolved("che") == "CH");
}

TEST_CASE("English names resolve", "[country]") {
  CHECK(resolved("Germany") == "DE");
  CHECK(resolved("france") == "FR");
  CHECK(resolved("United Kingdom") == "GB");
  CHECK(resolved("Czechia") == "CZ");
  CHECK(resolved("Czech Republic") == "CZ");
  CHECK(resolved("Switzerland") == "CH");
  CHECK(resolved("Norway") == "NO");
}

TEST_CASE("names in the EU's languages resolve", "[country]") {
  CHECK(resolved("Deutschland") == "DE");
  CHECK(resolved("Allemagne") == "DE");
  CHECK(resolved("Pays-Bas") == "NL");
  CHECK(resolved("Nederland") == "NL");
  CHECK(resolved("\u0395\u03bb\u03bb\u03ac\u03b4\u03b1") == "GR");      // Ελλάδα
  CHECK(resolved("\u039a\u03cd\u03c0\u03c1\u03bf\u03c2") == "CY");      // Κύπρος
  CHECK(resolved("\u0411\u044a\u043b\u0433\u0430\u0440\u0438\u044f") == "BG");  // България
  CHECK(resolved("\u010cesko") == "CZ");                                // Česko
  CHECK(resolved("\u00c9ire") == "IE");                                 // Éire
  CHECK(resolved("Italia") == "IT");
  CHECK(resolved("\u00d6sterreich") == "AT");                           // Österreich
  CHECK(resolved("Magyarorsz\u00e1g") == "HU");                         // Magyarország
  CHECK(resolved("Rom\u00e2nia") == "RO");                              // România
  CHECK(resolved("Polska") == "PL");
  CHECK(resolved("Sverige") == "SE");
  CHECK(resolved("Hrvatska") == "HR");
  CHECK(resolved("Suomi") == "FI");
}

TEST_CASE("names ignore case, accents, punctuation and surrounding spaces", "[country]") {
  CHECK(resolved("  italia ") == "IT");
  CHECK(resolved("ESPA\u00d1A") == "ES");  // ESPAÑA
  CHECK(resolved("espana") == "ES");
  CHECK(resolved("DEUTSCHLAND") == "DE");
  CHECK(resolved("pays bas") == "NL");
  CHECK(resolved("Pays--Bas.") == "NL");
  CHECK(resolved("Cesko") == "CZ");
  CHECK(resolved("eire") == "IE");
  CHECK(resolved("\u03b5\u03bb\u03bb\u03b1\u03b4\u03b1") == "GR");  // ελλαδα, no tonos
}

TEST_CASE("English nationality adjectives of EU, EEA and EFTA states resolve", "[country]") {
  CHECK(resolved("French") == "FR");
  CHECK(resolved("german") == "DE");
  CHECK(resolved("DUTCH") == "NL");
  CHECK(resolved("Greek") == "GR");
  CHECK(resolved("Irish") == "IE");
  CHECK(resolved("Luxembourgish") == "LU");
  CHECK(resolved("Luxembourger") == "LU");
  CHECK(resolved("Slovene") == "SI");
  CHECK(resolved("Slovenian") == "SI");
  CHECK(resolved("Slovak") == "SK");
  CHECK(resolved("Cypriot") == "CY");
  CHECK(resolved("Liechtensteiner") == "LI");
  CHECK(resolved("Norwegian") == "NO");
  CHECK(resolved("Icelandic") == "IS");
  CHECK(resolved("Swiss") == "CH");
}

TEST_CASE("a translation given for two countries resolves as decided by hand", "[country]") {
  // The Irish catalogue translates both DR Congo's and Algeria's official names
  // as "Poblacht Dhaonlathach an Chongó", which means the former.
  CHECK(resolved("Poblacht Dhaonlathach an Chong\u00f3") == "CD");
  CHECK(resolved("People's Democratic Republic of Algeria") == "DZ");
}

TEST_CASE("territories resolve to their own codes, and know their state", "[country]") {
  // SPEC 3.1 v1.1: the value names the territory; `in: EU` then leaves it to a
  // person, naming the state (tests/evaluate_test.cpp).
  CHECK(resolved("Réunion") == "RE");
  CHECK(resolved("Guadeloupe") == "GP");
  CHECK(resolved("Guyane") == "GF");  // the French name people write
  CHECK(resolved("Curaçao") == "CW");
  CHECK(resolved("Åland") == "AX");
  CHECK(resolved("Aland") == "AX");
  CHECK(resolved("Saint Martin") == "MF");
  CHECK(resolved("Sint Maarten") == "SX");
  CHECK(resolved("Bonaire") == "BQ");
  CHECK(shortlist::territory_state("RE") == "FR");
  CHECK(shortlist::territory_state("AX") == "FI");
  CHECK(shortlist::territory_state("CW") == "NL");
  CHECK(shortlist::territory_state("GL") == "DK");
  CHECK(shortlist::territory_state("SJ") == "NO");
  CHECK_FALSE(shortlist::territory_state("FR"));
  CHECK_FALSE(shortlist::territory_state("GI"));  // Gibraltar: the United Kingdom's
}

TEST_CASE("unknown countries resolve to nothing", "[country]") {
  CHECK_FALSE(resolve_country("Atlantis"));
  CHECK_FALSE(resolve_country(""));
  CHECK_FALSE(resolve_country("   "));
  CHECK_FALSE(resolve_country("E U"));
  CHECK_FALSE(resolve_country("EU"));
  CHECK_FALSE(resolve_country("XX"));
  CHECK_FALSE(resolve_country("XXX"));
  CHECK_FALSE(resolve_country("D"));
  CHECK_FALSE(resolve_country("Germanyy"));
  CHECK_FALSE(resolve_country("-- .."));
  CHECK_FALSE(resolve_country("\xff\xfe"));
}

TEST_CASE("the EU set holds the 27 Member States, sorted", "[country]") {
  CHECK(set_of("EU") == std::vector<std::string>{"AT", "BE", "BG", "CY", "CZ", "DE", "DK",
                                                 "EE", "ES", "FI", "FR", "GR", "HR", "HU",
                                                 "IE", "IT", "LT", "LU", "LV", "MT", "NL",
                                                 "PL", "PT", "RO", "SE", "SI", "SK"});
}

TEST_CASE("the EEA set is the EU plus Iceland, Liechtenstein and Norway", "[country]") {
  CHECK(set_of("EEA") == std::vector<std::string>{"AT", "BE", "BG", "CY", "CZ", "DE", "DK",
                                                  "EE", "ES", "FI", "FR", "GR", "HR", "HU",
                                                  "IE", "IS", "IT", "LI", "LT", "LU", "LV",
                                                  "MT", "NL", "NO", "PL", "PT", "RO", "SE",
                                                  "SI", "SK"});
}

TEST_CASE("the EFTA set is Iceland, Liechtenstein, Norway and Switzerland", "[country]") {
  CHECK(set_of("EFTA") == std::vector<std::string>{"CH", "IS", "LI", "NO"});
}

TEST_CASE("other set names are not built in", "[country]") {
  CHECK_FALSE(builtin_country_set("Schengen"));
  CHECK_FALSE(builtin_country_set(""));
  CHECK_FALSE(builtin_country_set("EUROPE"));
}

TEST_CASE("every member of a built-in set is a known code", "[country]") {
  for (const std::string& code : set_of("EEA")) CHECK(resolved(code) == code);
  CHECK(resolved("CH") == "CH");
}

TEST_CASE("an English article before a name is ignored", "[country]") {
  CHECK(shortlist::resolve_country("the Netherlands") == "NL");
  CHECK(shortlist::resolve_country("The Czech Republic") == "CZ");
  CHECK(shortlist::resolve_country("the") == std::nullopt);
  CHECK(shortlist::resolve_country("the Atlantis") == std::nullopt);
}

TEST_CASE("a name asked again resolves as the first time, and so does a bad one", "[country]") {
  // Names are kept per thread after their first lookup (values/recent_memo.hpp).
  for (int round = 0; round < 3; ++round) {
    CHECK(resolved("\u00c9ire") == "IE");
    CHECK_FALSE(resolved("Atlantis").has_value());
    CHECK(resolved("the Netherlands") == "NL");
    CHECK(resolved("  Deutschland ") == "DE");
  }
}
