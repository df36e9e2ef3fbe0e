#pragma once
// Helpers for the end-to-end tests of the built binary (tests/cli_*_test.cpp):
// reading JSON Lines outputs with simdjson, hashing with OpenSSL, and turning
// decision lines into rows comparable with the hand-worked expectations.
//
// Everything here is independent of the library under test: the tests check
// the program's outputs with their own parsing.
#include <openssl/evp.h>
#include <simdjson.h>
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "test_support.hpp"

namespace shortlist::test {

/// One parsed JSON value: a string's decoded text, or any other value's minified JSON.
struct Json {
  simdjson::dom::element_type type = simdjson::dom::element_type::NULL_VALUE;
  std::string text;
  bool is_null() const { return type == simdjson::dom::element_type::NULL_VALUE; }
  bool is_string() const { return type == simdjson::dom::element_type::STRING; }
  bool is_integer() const {
    return type == simdjson::dom::element_type::INT64 ||
           type == simdjson::dom::element_type::UINT64;
  }
};

/// A parsed JSON object, members in document order.
struct JsonObject {
  std::vector<std::pair<std::string, Json>> members;
  /// The member named `key`, or null if there is none.
  const Json* find(const std::string& key) const {
    for (const auto& [name, value] : members)
      if (name == key) return &value;
    return nullptr;
  }
  /// The member named `key`; the test fails if there is none.
  Json at(const std::string& key) const {
    const Json* value = find(key);
    INFO("JSON member '" << key << "'");
    REQUIRE(value != nullptr);
    return *value;
  }
  /// The member `key`, which must be a string.
  std::string str(const std::string& key) const {
    Json value = at(key);
    INFO("JSON member '" << key << "' = " << value.text);
    REQUIRE(value.is_string());
    return value.text;
  }
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (const auto& m : members) out.push_back(m.first);
    return out;
  }
};

inline Json json_of(simdjson::dom::element element) {
  Json out;
  out.type = element.type();
  if (out.is_string())
    out.text = std::string(std::string_view(element.get_string()));
  else
    out.text = simdjson::to_string(element);
  return out;
}

/// Parses `text` as one JSON value; the test fails if it is not valid JSON.
inline Json parse_json(const std::string& text) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element element;
  auto error = parser.parse(padded).get(element);
  INFO("JSON text: " << text);
  REQUIRE(error == simdjson::SUCCESS);
  return json_of(element);
}

/// The members of a JSON object; the test fails if `value` is not one.
inline JsonObject as_object(const Json& value) {
  INFO("expected a JSON object: " << value.text);
  REQUIRE(value.type == simdjson::dom::element_type::OBJECT);
  simdjson::dom::parser parser;
  simdjson::padded_string padded(value.text);
  simdjson::dom::object object = parser.parse(padded).get_object();
  JsonObject out;
  for (auto member : object)
    out.members.emplace_back(std::string(member.key), json_of(member.value));
  return out;
}

/// The items of a JSON array; the test fails if `value` is not one.
inline std::vector<Json> as_array(const Json& value) {
  INFO("expected a JSON array: " << value.text);
  REQUIRE(value.type == simdjson::dom::element_type::ARRAY);
  simdjson::dom::parser parser;
  simdjson::padded_string padded(value.text);
  simdjson::dom::array array = parser.parse(padded).get_array();
  std::vector<Json> out;
  for (simdjson::dom::element item : array) out.push_back(json_of(item));
  return out;
}

inline JsonObject parse_object(const std::string& text) { return as_object(parse_json(text)); }

/// The lines of `text` without their '\n'; a last line without '\n' counts too.
inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

/// Every line of a JSON Lines text, parsed as an object.
/// The cells of one Markdown table line, trimmed of spaces, tabs and CRs, as
/// written (an escaped `\|` stays in its cell, escape included); "| a | b |"
/// gives "a", "b".
inline std::vector<std::string> markdown_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\\' && i + 1 < line.size()) {
      cell += c;
      cell += line[++i];
    } else if (c == '|') {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += c;
    }
  }
  cells.push_back(cell);
  for (auto& text : cells) {
    const auto b = text.find_first_not_of(" \t\r");
    const auto e = text.find_last_not_of(" \t\r");
    text = b == std::string::npos ? std::string() : text.substr(b, e - b + 1);
  }
  if (!cells.empty() && cells.front().empty()) cells.erase(cells.begin());
  if (!cells.empty() && cells.back().empty()) cells.pop_back();
  return cells;
}

inline std::vector<JsonObject> parse_json_lines(const std::string& text) {
  std::vector<JsonObject> out;
  for (const auto& line : split_lines(text)) out.push_back(parse_object(line));
  return out;
}

/// Lower-case hex SHA-256 of `bytes`, computed with OpenSSL in one call.
inline std::string sha256_hex(const std::string& bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int n = 0;
  REQUIRE(EVP_Digest(bytes.data(), bytes.size(), md.data(), &n, EVP_sha256(), nullptr) == 1);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < n; ++i) {
    hex += kHex[md[i] >> 4];
    hex += kHex[md[i] & 15];
  }
  return hex;
}

/// The decision lines (`"kind":"decision"`) of a decision record.
inline std::vector<JsonObject> decision_lines(const std::vector<JsonObject>& record) {
  std::vector<JsonObject> out;
  for (const auto& line : record)
    if (line.str("kind") == "decision") out.push_back(line);
  return out;
}

/// The one line of `kind` ("run", "summary") in a decision record.
inline JsonObject line_of_kind(const std::vector<JsonObject>& record, const std::string& kind) {
  std::vector<JsonObject> found;
  for (const auto& line : record)
    if (line.str("kind") == kind) found.push_back(line);
  INFO("lines of kind " << kind);
  REQUIRE(found.size() == 1);
  return found.front();
}

/// A decision as a row "line\tid\tprofile\tstatus\tscore\trank" like the
/// expectations TSV: a null profile is "null", a null score or rank is empty.
/// `source_prefix` ("samples/applicants.csv:") is checked and stripped.
inline std::string decision_row(const JsonObject& d, const std::string& source_prefix) {
  std::string source = d.str("source");
  INFO("decision " << source);
  REQUIRE(source.rfind(source_prefix, 0) == 0);
  auto text_or_null = [&](const std::string& key, const char* null_text) {
    Json v = d.at(key);
    INFO("member " << key << " = " << v.text);
    CHECK((v.is_null() || v.is_string()));
    return v.is_null() ? std::string(null_text) : v.text;
  };
  Json rank = d.at("rank");
  INFO("rank = " << rank.text);
  CHECK((rank.is_null() || rank.is_integer()));
  return source.substr(source_prefix.size()) + "\t" + text_or_null("id", "null") + "\t" +
         text_or_null("profile", "null") + "\t" + d.str("status") + "\t" +
         text_or_null("score", "") + "\t" + (rank.is_null() ? std::string() : rank.text);
}

/// The distinct `source` values of a decision record's decision lines.
inline std::set<std::string> distinct_sources(const std::vector<JsonObject>& record) {
  std::set<std::string> out;
  for (const auto& d : decision_lines(record)) out.insert(d.str("source"));
  return out;
}

/// The records of a small RFC 4180 CSV text (quoted fields, "" escapes, quoted
/// line breaks), header included. Enough for the test fixtures; not a reader.
inline std::vector<std::vector<std::string>> tiny_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
      continue;
    }
    any = true;
    if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(cell);
      cell.clear();
    } else if (c == '\n') {
      if (!cell.empty() && cell.back() == '\r') cell.pop_back();
      row.push_back(cell);
      rows.push_back(row);
      row.clear();
      cell.clear();
      any = false;
    } else {
      cell += c;
    }
  }
  if (any || !cell.empty() || !row.empty()) {
    row.push_back(cell);
    rows.push_back(row);
  }
  return rows;
}

/// The names of the entries of a folder, sorted.
inline std::set<std::string> folder_entries(const std::filesystem::path& dir) {
  std::set<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    out.insert(entry.path().filename().string());
  return out;
}

}  // namespace shortlist::test
