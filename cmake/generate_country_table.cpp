// Build-time generator of the country table (SPEC 3.1 `country`).
//
// Usage: generate_country_table OUT.cpp iso_3166-1.json [iso_3166-1.mo ...]
//
// Reads the ISO 3166-1 list of Debian's iso-codes (codes and the English `name`,
// `common_name` and `official_name`) and, for each language given, its gettext
// catalogue, whose msgids are those English names. Writes a C++ source with three
// tables declared in src/values/country_table.hpp: the codes, the English names and
// the translated names, each name paired with its alpha-2 code.
//
// Names are written raw, not normalized: src/values/country_names.cpp folds them
// with the same function that folds the user's input, so that both sides are
// normalized by one piece of code (at build time, by generate_country_index.cpp,
// when it can). Exact duplicates (a translation identical to the
// English name, or the same word in several languages) are written once.
#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "generator_support.hpp"

namespace {

struct Country {
  std::string alpha2;
  std::string alpha3;
  std::vector<std::string> english_names;  // name, common_name, official_name
  std::string display_name;                // common_name when there is one, else name
};

using NamePairs = std::set<std::pair<std::string, std::string>>;  // (name, alpha-2)

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string json_string(simdjson::dom::object object, std::string_view key) {
  std::string_view value;
  if (object[key].get_string().get(value) != simdjson::SUCCESS) return {};
  return std::string(value);
}

std::vector<Country> read_countries(const std::string& path) {
  simdjson::dom::parser parser;
  simdjson::dom::element document;
  if (auto error = parser.load(path).get(document)) {
    throw std::runtime_error(path + ": " + simdjson::error_message(error));
  }
  simdjson::dom::array entries;
  if (document["3166-1"].get_array().get(entries) != simdjson::SUCCESS) {
    throw std::runtime_error(path + ": no \"3166-1\" array");
  }
  std::vector<Country> countries;
  for (simdjson::dom::element entry : entries) {
    simdjson::dom::object object;
    if (entry.get_object().get(object) != simdjson::SUCCESS) continue;
    Country country{json_string(object, "alpha_2"), json_string(object, "alpha_3"), {}, {}};
    if (country.alpha2.size() != 2 || country.alpha3.size() != 3) {
      throw std::runtime_error(path + ": an entry lacks alpha_2 or alpha_3");
    }
    for (std::string_view key : {"name", "common_name", "official_name"}) {
      std::string name = json_string(object, key);
      if (!name.empty()) country.english_names.push_back(std::move(name));
    }
    // "Bolivia" rather than "Bolivia, Plurinational State of", for people.
    country.display_name = json_string(object, "common_name");
    if (country.display_name.empty()) country.display_name = json_string(object, "name");
    countries.push_back(std::move(country));
  }
  std::sort(countries.begin(), countries.end(),
            [](const Country& a, const Country& b) { return a.alpha2 < b.alpha2; });
  return countries;
}

// A reader of the GNU .mo format (gettext manual, "The Format of GNU MO Files"):
// a magic number that also gives the byte order, then the count of strings and the
// offsets of two tables of (length, offset) pairs, for the originals and for the
// translations.
class MoFile {
 public:
  explicit MoFile(std::string path) : path_(std::move(path)), bytes_(read_whole_file(path_)) {
    const std::uint32_t magic = word(0);
    if (magic == 0x950412deU) {
      big_endian_ = false;
    } else if (magic == 0xde120495U) {
      big_endian_ = true;
    } else {
      fail("not a GNU .mo file");
    }
    if ((word(4) >> 16) > 1) fail("unknown .mo major revision");
  }

  /// Calls visit(msgid, msgstr) for each entry with a translation.
  template <typename Visit>
  void for_each(Visit visit) const {
    const std::uint32_t count = word(8);
    const std::uint32_t originals = word(12);
    const std::uint32_t translations = word(16);
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::string_view msgid = entry(originals, i);
      const std::string_view msgstr = entry(translations, i);
      // The empty msgid is the catalogue's header. A msgid with a context (\x04)
      // is not a country name.
      if (msgid.empty() || msgstr.empty() || msgid.find('\x04') != std::string_view::npos) {
        continue;
      }
      visit(first_form(msgid), first_form(msgstr));
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(path_ + ": " + what);
  }

  std::uint32_t word(std::uint64_t offset) const {
    if (offset + 4 > bytes_.size()) fail("truncated");
    std::uint32_t value = 0;
    for (std::uint64_t i = 0; i < 4; ++i) {
      const std::uint64_t byte_index = big_endian_ ? offset + i : offset + 3 - i;
      value = (value << 8) | static_cast<unsigned char>(bytes_[byte_index]);
    }
    return value;
  }

  std::string_view entry(std::uint32_t table, std::uint32_t index) const {
    const std::uint64_t descriptor = std::uint64_t{table} + std::uint64_t{index} * 8;
    const std::uint64_t length = word(descriptor);
    const std::uint64_t offset = word(descriptor + 4);
    if (offset + length > bytes_.size()) fail("string out of bounds");
    return std::string_view(bytes_).substr(offset, length);
  }

  // Plural forms are separated by NUL; names have none, but keep the first.
  static std::string_view first_form(std::string_view text) {
    return text.substr(0, text.find('\0'));
  }

  std::string path_;
  std::string bytes_;
  bool big_endian_ = false;
};

// Each English name to the codes that use it (one in practice).
std::map<std::string, std::set<std::string>> index_english(
    const std::vector<Country>& countries) {
  std::map<std::string, std::set<std::string>> codes_by_name;
  for (const Country& country : countries) {
    for (const std::string& name : country.english_names) {
      codes_by_name[name].insert(country.alpha2);
    }
  }
  return codes_by_name;
}

NamePairs english_pairs(const std::vector<Country>& countries) {
  NamePairs pairs;
  for (const Country& country : countries) {
    for (const std::string& name : country.english_names) pairs.emplace(name, country.alpha2);
  }
  return pairs;
}

NamePairs translated_pairs(const std::vector<Country>& countries,
                           const std::vector<std::string>& mo_paths,
                           const NamePairs& english) {
  const auto codes_by_name = index_english(countries);
  NamePairs pairs;
  for (const std::string& path : mo_paths) {
    MoFile(path).for_each([&](std::string_view msgid, std::string_view msgstr) {
      const auto found = codes_by_name.find(std::string(msgid));
      if (found == codes_by_name.end()) return;  // not a name of a current country
      for (const std::string& code : found->second) {
        std::pair<std::string, std::string> pair(std::string(msgstr), code);
        if (!english.contains(pair)) pairs.insert(std::move(pair));
      }
    });
  }
  return pairs;
}

using shortlist::generate::TextArray;

void write_names(std::ostream& out, TextArray& text, const char* array, const char* function,
                 const NamePairs& pairs) {
  out << "constexpr PackedName " << array << "[] = {\n";
  for (const auto& [name, code] : pairs) {
    out << "    {" << TextArray::initializer(text.add(name)) << ", "
        << TextArray::initializer(text.add(code)) << "},\n";
  }
  out << "};\n\n"
      << "std::span<const PackedName> " << function << "() { return " << array << "; }\n\n";
}

void write_table(std::ostream& out, const std::vector<Country>& countries,
                 const NamePairs& english, const NamePairs& translated) {
  // The entries first, so that the text holds all they name; the text is
  // written before them.
  TextArray text;
  std::ostringstream entries;
  entries << "constexpr PackedCodes kCodes[] = {\n";
  for (const Country& country : countries) {
    entries << "    {" << TextArray::initializer(text.add(country.alpha2)) << ", "
            << TextArray::initializer(text.add(country.alpha3)) << ", "
            << TextArray::initializer(text.add(country.display_name)) << "},\n";
  }
  entries << "};\n\n"
          << "std::span<const PackedCodes> codes() { return kCodes; }\n\n";
  write_names(entries, text, "kEnglishNames", "english_names", english);
  write_names(entries, text, "kTranslatedNames", "translated_names", translated);
  out << "// Generated by cmake/generate_country_table.cpp from Debian's iso-codes.\n"
      << "// Do not edit.\n"
      << "#include \"values/country_table.hpp\"\n\n"
      << "namespace shortlist::country_table {\n\n";
  text.write(out, "kText");
  out << "std::string_view text() { return {kText, sizeof kText - 1}; }\n\n"
      << entries.str() << "}  // namespace shortlist::country_table\n";
}

int run(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: generate_country_table OUT.cpp iso_3166-1.json [FILE.mo ...]\n");
    return 2;
  }
  const std::string out_path = argv[1];
  const auto countries = read_countries(argv[2]);
  const std::vector<std::string> mo_paths(argv + 3, argv + argc);
  const NamePairs english = english_pairs(countries);
  const NamePairs translated = translated_pairs(countries, mo_paths, english);

  std::ostringstream text;
  write_table(text, countries, english, translated);
  shortlist::generate::write_file(out_path, text.str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return shortlist::generate::generator_main("generate_country_table", argc, argv, run);
}
