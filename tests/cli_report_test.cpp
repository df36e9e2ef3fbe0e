// End to end: `shortlist report` (SPEC 7; docs/report.md for users), the
// HTML or Markdown report of a decision record. Each test writes its own rules
// and applicants into a temporary folder, screens them with the real
// `shortlist screen --decisions d.jsonl`, and runs `shortlist report` on the
// record. The tests read the report with their own small parsers: Markdown
// tables split on unescaped `|`, and HTML scanned tag by tag.
//
// The last tests ([browser]) open reports in headless Chromium: the sample
// report and one built from hostile names must load, draw something, keep no
// script or image element in the DOM, and keep a 10,000-character id inside
// the width of a phone. Where Chromium is not installed they say so and skip.
//
// The main case (kRules, kApplicants) is worked out by hand once, above
// kApplicants; the other tests say what they expect where they say it.
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::test::decision_lines;
using shortlist::test::JsonObject;
using shortlist::test::parse_json_lines;
using shortlist::test::read_file;
using shortlist::test::RunResult;
using shortlist::test::run_shortlist;
using shortlist::test::sha256_hex;
using shortlist::test::shell_quote;
using shortlist::test::source_dir;
using shortlist::test::split_lines;
using shortlist::test::TempDir;
using Strings = std::vector<std::string>;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool has_ci(const std::string& text, const std::string& part) {
  return has(lower(text), lower(part));
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// The exact CSP element the design puts first in <head> after the charset.
const std::string kCspMeta =
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'unsafe-inline'; img-src data:\">";
const std::string kCspContent = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD
const std::string kRlo = "\xE2\x80\xAE";          // U+202E RIGHT-TO-LEFT OVERRIDE

// ---------------------------------------------------------------------------
// The main case.
//
// One profile, dev, two knock-outs and one score rule (the score is the bonus):
//
//   eu-citizen   country in EU   (blank: missing -> review; "Frnace": unreadable -> review)
//   experienced  years >= 1      (0 fails; blank: missing -> review)
//   bonus        1 point a unit  ("lots": unreadable -> review, a score rule's default)
//   min_score 3, top 2 (no `submitted`: order score desc, id asc)
const std::string kRules =
    "shortlist: 1\n"
    "call:\n"
    "  id: REPORT-TEST\n"
    "  title: Report test call\n"
    "fields:\n"
    "  id:      { column: id }\n"
    "  country: { column: country, type: country }\n"
    "  years:   { column: years, type: number }\n"
    "  bonus:   { column: bonus, type: number }\n"
    "profiles:\n"
    "  - id: dev\n"
    "    title: Developer\n"
    "    require:\n"
    "      - { id: eu-citizen, text: Citizen of an EU Member State, field: country, in: EU }\n"
    "      - { id: experienced, text: At least one year of experience, field: years,\n"
    "          at_least: 1 }\n"
    "    score:\n"
    "      - { id: bonus, text: One point per bonus, field: bonus, each: 1 }\n"
    "    shortlist: { min_score: 3, top: 2 }\n";

// line  id   country years bonus   checks (eu, exp)    status
//  2    A01  DE      5     5       pass  pass          eligible, score 5
//  3    A02  US      4     4       FAIL  pass          ineligible
//  4    A03  FR      0     6       pass  FAIL          ineligible
//  5    A04  US      0     1       FAIL  FAIL          ineligible (both rules)
//  6    A05  -       2     2       miss  pass          review: eu-citizen missing
//  7    A06  Frnace  3     3       unr   pass          review: eu-citizen unreadable
//  8    A07  IT      -     2       pass  miss          review: experienced missing
//  9    A08  ES      2     2       pass  pass          eligible, 2
// 10    A09  PL      7     7       pass  pass          eligible, 7
// 11    A10  NL      3     3       pass  pass          eligible, 3
// 12    A11  BE      1     1       pass  pass          eligible, 1
// 13    A12  AT      5     5       pass  pass          eligible, 5
// 14    A13  SE      2     lots    pass  pass          review: bonus unreadable
// 15    A14  US      2     9       FAIL  pass          ineligible
// 16    A16  FI      2     4       pass  pass          review: duplicate-id
// 17    A16  FI      3     6       pass  pass          review: duplicate-id
// 18    A17  MT      1     0       pass  pass          eligible, 0
// 19    A18  -       4     4       miss  pass          review: eu-citizen missing
// 20    A19  -       5     5       miss  pass          review: eu-citizen missing
// 21    A20  DE                                        invalid (2 fields of 4)
//
// Record totals: 20 records (lines 2-21), 1 invalid, 0 no-profile.
//
// Eligible, ranked (score desc, id asc): A09 7, A01 5, A12 5, A10 3 | A08 2, A11 1, A17 0.
// min_score 3 and top 2: A09 rank 1 and A01 rank 2 shortlisted; A12 (3) and A10 (4)
// reserve; A08, A11, A17 below-cutoff.
//
// Funnel (share of 19 screened: every line but the invalid one):
//   screened                 19    100 %
//   passed eu-citizen        12     63.2 %  (not A02 A04 A14 fail; A05 A18 A19 missing; A06 unreadable)
//   passed experienced       10     52.6 %  (of those 12, not A03 (fail) and A07 (missing))
//   eligible                  7     36.8 %
//   at or above the cut-off   4     21.1 %
//   shortlisted               2     10.5 %
// Statuses: 4 ineligible + 8 review + 7 eligible = 19.
//
// Scores of the eligible: 0 1 2 3 5 5 7: count 7, lowest 0, median 3 (the 4th), highest 7.
//
// Reasons for ineligible: eu-citizen 3 (A02 A04 A14), experienced 2 (A03 A04).
// Reasons for review: eu-citizen: missing 3 (A05 A18 A19), duplicate id 2 (A16 twice),
//   eu-citizen: unreadable 1 (A06), experienced: missing 1 (A07), bonus: unreadable 1 (A13).
// Shortlist: 1 A09 7 a.csv:10; 2 A01 5 a.csv:2.
// Worklist, in input order: A05 a.csv:6, A06 :7, A07 :8, A13 :14, A16 :16, A16 :17,
//   A18 :19, A19 :20.
const std::string kApplicants =
    "id,country,years,bonus\n"
    "A01,DE,5,5\n"
    "A02,US,4,4\n"
    "A03,FR,0,6\n"
    "A04,US,0,1\n"
    "A05,,2,2\n"
    "A06,Frnace,3,3\n"
    "A07,IT,,2\n"
    "A08,ES,2,2\n"
    "A09,PL,7,7\n"
    "A10,NL,3,3\n"
    "A11,BE,1,1\n"
    "A12,AT,5,5\n"
    "A13,SE,2,lots\n"
    "A14,US,2,9\n"
    "A16,FI,2,4\n"
    "A16,FI,3,6\n"
    "A17,MT,1,0\n"
    "A18,,4,4\n"
    "A19,,5,5\n"
    "A20,DE\n";

// Writes the rules and the applicants into `dir` and screens them into d.jsonl.
void screen(const TempDir& dir, const std::string& rules_text, const std::string& applicants,
            const std::string& input_name = "a.csv") {
  dir.write("rules.yaml", rules_text);
  dir.write(input_name, applicants);
  RunResult r = run_shortlist(
      "screen -q -r rules.yaml " + shell_quote(input_name) + " --decisions d.jsonl -o shortlist.csv",
      dir.path());
  INFO("screen stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
}

// `shortlist report d.jsonl ARGS`, run in `dir`.
RunResult report(const TempDir& dir, const std::string& args) {
  return run_shortlist("report d.jsonl " + args, dir.path());
}

// ---------------------------------------------------------------------------
// Markdown.

// A Markdown cell as the design escapes it (as the shortlist's md output):
// `|` and backticks and `\` with a backslash, `<` `>` `&` as entities, a line
// break as <br>, other control characters as U+FFFD.
std::string md_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '|': out += "\\|"; break;
      case '`': out += "\\`"; break;
      case '\\': out += "\\\\"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\r': break;
      case '\n': out += "<br>"; break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
          out += kReplacement;
        else
          out += c;
    }
  }
  return out;
}

// A cell's plain words: code spans and emphasis marks dropped, escapes undone,
// lower case. For labels ("passed `eu-citizen`" -> "passed eu-citizen").
std::string plain(const std::string& cell) {
  std::string out;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    char c = cell[i];
    if (c == '\\' && i + 1 < cell.size()) {
      out += cell[++i];
    } else if (c != '`' && c != '*') {
      out += c;
    }
  }
  return lower(trim(out));
}

bool is_count(const std::string& cell) {
  return !cell.empty() &&
         std::all_of(cell.begin(), cell.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A heading line's level (the number of leading '#'), 0 for any other line.
std::size_t heading_level(const std::string& line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == '#') ++n;
  return n > 0 && n < line.size() && line[n] == ' ' ? n : 0;
}

// The text of a heading or bold-paragraph line, in plain words.
std::string title_words(const std::string& line) {
  std::size_t level = heading_level(line);
  return plain(line.substr(level));
}

// A line that opens a part of a profile's section: a heading, or a paragraph
// that starts in bold ("**Funnel**").
bool is_part_title(const std::string& line) {
  return heading_level(line) > 0 || line.rfind("**", 0) == 0;
}

struct MdTable {
  Strings header;
  std::vector<Strings> rows;
};

struct MdPart {
  std::string title;  // plain words
  Strings lines;
  std::vector<MdTable> tables() const {
    std::vector<MdTable> out;
    std::size_t i = 0;
    while (i < lines.size()) {
      if (lines[i].rfind("|", 0) != 0) {
        ++i;
        continue;
      }
      MdTable t;
      t.header = shortlist::test::markdown_cells(lines[i++]);
      if (i < lines.size() && lines[i].rfind("|", 0) == 0) ++i;  // the delimiter row
      while (i < lines.size() && lines[i].rfind("|", 0) == 0)
        t.rows.push_back(shortlist::test::markdown_cells(lines[i++]));
      out.push_back(t);
    }
    return out;
  }
  std::string text() const {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
  }
};

// The section of the Markdown report whose heading reads `heading` (in plain
// words, e.g. "dev: developer"), cut into parts at each heading or bold line
// inside it. The test fails if there is no such section.
std::vector<MdPart> md_profile_parts(const std::string& md, const std::string& heading) {
  Strings lines = split_lines(md);
  std::size_t start = 0, level = 0;
  for (; start < lines.size(); ++start) {
    level = heading_level(lines[start]);
    if (level > 0 && title_words(lines[start]) == lower(heading)) break;
  }
  INFO("section heading '" << heading << "' in\n" << md);
  REQUIRE(start < lines.size());
  std::vector<MdPart> parts;
  for (std::size_t i = start + 1; i < lines.size(); ++i) {
    std::size_t l = heading_level(lines[i]);
    if (l > 0 && l <= level) break;
    if (is_part_title(lines[i])) {
      parts.push_back({title_words(lines[i]), {}});
      continue;
    }
    if (!parts.empty()) parts.back().lines.push_back(lines[i]);
  }
  return parts;
}

enum class Part { kFunnel, kScores, kIneligible, kReview, kShortlist, kWorklist };

bool part_is(const std::string& title, Part which) {
  switch (which) {
    case Part::kFunnel: return has(title, "funnel");
    case Part::kScores: return title.rfind("score", 0) == 0 || has(title, "histogram");
    // "Reasons for ineligible", "Why ineligible", …
    case Part::kIneligible:
      return (has(title, "reason") || has(title, "why")) && has(title, "ineligible");
    case Part::kReview:
      return (has(title, "reason") || has(title, "why")) && has(title, "review") &&
             !has(title, "worklist");
    case Part::kShortlist: return title.rfind("shortlist", 0) == 0;
    case Part::kWorklist: return has(title, "worklist");
  }
  return false;
}

// The part of a profile's section; the test fails if there is none.
MdPart md_part(const std::vector<MdPart>& parts, Part which, const char* name) {
  for (const auto& p : parts)
    if (part_is(p.title, which)) return p;
  std::string titles;
  for (const auto& p : parts) titles += "'" + p.title + "' ";
  INFO("part " << name << " among the parts titled " << titles);
  FAIL("no such part");
  return {};
}

// The data rows of the part's first table; the test fails if it has none.
std::vector<Strings> md_rows(const MdPart& part) {
  auto tables = part.tables();
  INFO("a table under '" << part.title << "':\n" << part.text());
  REQUIRE(!tables.empty());
  return tables.front().rows;
}

// Does a row's label (first cell, in plain words) read `label`, alone or
// followed by more words (": the rule's text", " (…)")?
bool label_is(const Strings& row, const std::string& label) {
  if (row.empty()) return false;
  std::string first = plain(row[0]);
  if (first == label) return true;
  return first.rfind(label, 0) == 0 && first.size() > label.size() &&
         (first[label.size()] == ' ' || first[label.size()] == ':' || first[label.size()] == '(');
}

// The first count cell after the label.
std::optional<std::string> count_of(const Strings& row) {
  for (std::size_t i = 1; i < row.size(); ++i)
    if (is_count(plain(row[i]))) return plain(row[i]);
  return std::nullopt;
}

struct Stage {
  std::string label;
  int count;
};

// Checks the rows of a funnel or reasons table: the labels in this order, each
// with its count.
void check_counted_rows(const std::vector<Strings>& rows, const std::vector<Stage>& expected) {
  REQUIRE(rows.size() == expected.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::string row_text;
    for (const auto& c : rows[i]) row_text += c + " | ";
    INFO("row " << i << ": " << row_text << " expected " << expected[i].label << " "
                << expected[i].count);
    CHECK(label_is(rows[i], expected[i].label));
    CHECK(count_of(rows[i]) == std::to_string(expected[i].count));
  }
}

// The first decimal number in `text`.
std::optional<double> first_number(const std::string& text) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex("[0-9]+(?:[.,][0-9]+)?"))) return std::nullopt;
  std::string s = m.str();
  std::replace(s.begin(), s.end(), ',', '.');
  return std::stod(s);
}

// Checks a funnel's share cells: the cell after the count is count/screened,
// as a percentage (with `%`, to within rounding to a whole percent) or a fraction.
void check_shares(const std::vector<Strings>& rows, const std::vector<Stage>& expected,
                  int screened) {
  for (std::size_t i = 0; i < rows.size() && i < expected.size(); ++i) {
    std::size_t c = 1;
    while (c < rows[i].size() && !is_count(plain(rows[i][c]))) ++c;
    INFO("funnel row " << expected[i].label);
    REQUIRE(c + 1 < rows[i].size());
    std::string share = rows[i][c + 1];
    INFO("share cell '" << share << "'");
    auto value = first_number(share);
    REQUIRE(value.has_value());
    double want = static_cast<double>(expected[i].count) / static_cast<double>(screened);
    if (has(share, "%"))
      CHECK(std::abs(*value - 100.0 * want) <= 0.51);
    else
      CHECK(std::abs(*value - want) <= 0.0051);
  }
}

// The number a part gives for `word` ("lowest", "median", …): "lowest 0",
// "lowest: 0", "| lowest | 0 |", or a table with `word` in its header. For
// "count", also "7 scored".
std::optional<std::string> stat_of(const MdPart& part, const std::string& word) {
  std::smatch m;
  std::string text = part.text();
  if (word == "count" &&
      std::regex_search(text, m, std::regex("\\b([0-9]+) (?:scored|scores|eligible)\\b")))
    return m.str(1);
  std::regex inline_form("\\b" + word + "\\b[^0-9\\n]{0,24}?(-?[0-9]+(?:\\.[0-9]+)?)",
                         std::regex::icase);
  if (std::regex_search(text, m, inline_form)) return m.str(1);
  for (const auto& t : part.tables()) {
    for (std::size_t i = 0; i < t.header.size(); ++i)
      if (plain(t.header[i]).rfind(word, 0) == 0 && !t.rows.empty() && i < t.rows[0].size())
        return plain(t.rows[0][i]);
  }
  return std::nullopt;
}

// The histogram's bins: the table of the Scores part whose header is not the
// statistics' (count, lowest, median, highest). Returns each bin's count.
std::vector<int> histogram_counts(const MdPart& part) {
  for (const auto& t : part.tables()) {
    int stat_words = 0;
    for (const auto& h : t.header)
      for (const char* w : {"lowest", "median", "highest"})
        if (plain(h).rfind(w, 0) == 0) ++stat_words;
    if (stat_words >= 2 || t.rows.empty()) continue;
    std::size_t column = t.header.size() - 1;
    for (std::size_t i = 0; i < t.header.size(); ++i) {
      std::string h = plain(t.header[i]);
      if (h == "count" || h == "applicants" || h == "n" || h == "number" || h == "eligible")
        column = i;
    }
    std::vector<int> counts;
    for (const auto& row : t.rows) {
      INFO("histogram row of " << row.size() << " cells");
      REQUIRE(column < row.size());
      INFO("bin count cell '" << row[column] << "'");
      REQUIRE(is_count(plain(row[column])));
      counts.push_back(std::stoi(plain(row[column])));
    }
    return counts;
  }
  INFO("a histogram table under '" << part.title << "':\n" << part.text());
  FAIL("no histogram table");
  return {};
}

// Does the part mark a cut-off of `value` ("cut-off: 3", "min_score 3", …)?
bool marks_cutoff(const std::string& text, const std::string& value) {
  return std::regex_search(text, std::regex("(cut-?off|min_score)[^0-9\\n]{0,40}\\b" + value + "\\b",
                                            std::regex::icase));
}

bool marks_any_cutoff(const std::string& text) {
  return std::regex_search(text,
                           std::regex("(cut-?off|min_score)[^0-9\\n]{0,40}[0-9]", std::regex::icase));
}

// The first line of the Markdown report that is not blank, in plain words.
std::string md_title(const std::string& md) {
  for (const auto& line : split_lines(md))
    if (!trim(line).empty()) return title_words(line);
  return {};
}

// ---------------------------------------------------------------------------
// HTML: a small scanner, enough to see every element and attribute that the
// report writes, the text between them, and what a style element holds.

struct HtmlTag {
  std::string name;  // lower case; "/name" for an end tag
  std::vector<std::pair<std::string, std::string>> attributes;  // names lower case, values raw
  const std::string* attribute(const std::string& key) const {
    for (const auto& [k, v] : attributes)
      if (k == key) return &v;
    return nullptr;
  }
};

struct HtmlDoc {
  std::vector<HtmlTag> tags;  // start and end tags, in document order
  std::string text;           // the text outside tags, entities as written
  std::string style;          // the contents of every <style> element
  std::string title;          // the <title>'s text, entities as written
  int stray_lt = 0;           // '<' in text that opens no tag
};

HtmlDoc scan_html(const std::string& html) {
  HtmlDoc doc;
  std::size_t i = 0, n = html.size();
  auto is_name_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':' || c == '_';
  };
  auto skip_space = [&] {
    while (i < n && std::isspace(static_cast<unsigned char>(html[i]))) ++i;
  };
  while (i < n) {
    if (html[i] != '<') {
      doc.text += html[i++];
      continue;
    }
    if (html.compare(i, 4, "<!--") == 0) {
      auto end = html.find("-->", i + 4);
      i = end == std::string::npos ? n : end + 3;
      continue;
    }
    if (i + 1 < n && html[i + 1] == '!') {
      auto end = html.find('>', i);
      i = end == std::string::npos ? n : end + 1;
      continue;
    }
    bool closing = i + 1 < n && html[i + 1] == '/';
    std::size_t name_start = i + (closing ? 2 : 1);
    if (name_start >= n || !std::isalpha(static_cast<unsigned char>(html[name_start]))) {
      ++doc.stray_lt;
      doc.text += html[i++];
      continue;
    }
    i = name_start;
    HtmlTag tag;
    while (i < n && is_name_char(html[i])) tag.name += html[i++];
    tag.name = lower(tag.name);
    for (;;) {
      skip_space();
      if (i >= n) break;
      if (html[i] == '>') {
        ++i;
        break;
      }
      if (html[i] == '/') {
        ++i;
        continue;
      }
      std::string key;
      while (i < n && !std::isspace(static_cast<unsigned char>(html[i])) && html[i] != '=' &&
             html[i] != '>' && html[i] != '/')
        key += html[i++];
      std::string value;
      skip_space();
      if (i < n && html[i] == '=') {
        ++i;
        skip_space();
        if (i < n && (html[i] == '"' || html[i] == '\'')) {
          char quote = html[i++];
          while (i < n && html[i] != quote) value += html[i++];
          ++i;
        } else {
          while (i < n && !std::isspace(static_cast<unsigned char>(html[i])) && html[i] != '>')
            value += html[i++];
        }
      }
      if (!key.empty()) tag.attributes.emplace_back(lower(key), value);
    }
    if (closing) tag.name = "/" + tag.name;
    doc.tags.push_back(tag);
    if (tag.name == "style" || tag.name == "script" || tag.name == "title" ||
        tag.name == "textarea") {
      auto end = lower(html).find("</" + tag.name, i);
      if (end == std::string::npos) end = n;
      std::string content = html.substr(i, end - i);
      if (tag.name == "style") doc.style += content;
      if (tag.name == "title") doc.title += content;
      if (tag.name != "style") doc.text += content;
      i = end;
    }
  }
  return doc;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Text with its character references decoded (the numeric ones and the few
// named ones an escaper writes; any other is left as written).
std::string html_unescape(const std::string& s) {
  static const std::map<std::string, std::string> kNamed = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", "\xC2\xA0"}};
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    auto semi = s.find(';', i);
    if (semi == std::string::npos || semi - i > 10) {
      out += s[i++];
      continue;
    }
    std::string name = s.substr(i + 1, semi - i - 1);
    if (!name.empty() && name[0] == '#') {
      bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      std::string digits = name.substr(hex ? 2 : 1);
      if (!digits.empty()) {
        append_utf8(out, static_cast<std::uint32_t>(std::stoul(digits, nullptr, hex ? 16 : 10)));
        i = semi + 1;
        continue;
      }
    } else if (auto it = kNamed.find(name); it != kNamed.end()) {
      out += it->second;
      i = semi + 1;
      continue;
    }
    out += s[i++];
  }
  return out;
}

// The elements, attributes and CSS constructs that would fetch, run or link anything.
const std::vector<std::string> kForbiddenElements = {
    "script", "img", "image", "link", "iframe", "frame", "frameset", "object", "embed", "applet",
    "base", "form", "input", "button", "audio", "video", "source", "track", "use",
    "foreignobject", "portal", "picture"};
const std::vector<std::string> kForbiddenAttributes = {
    "src", "href", "xlink:href", "srcset", "action", "formaction", "background", "poster",
    "data", "ping", "codebase", "manifest", "srcdoc"};

// Checks everything the design says of the html's safety and self-containment.
void check_html_safety(const std::string& html) {
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(!has_ci(html, "<script"));
  CHECK(has(html, kCspMeta));
  CHECK(has(html, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));

  HtmlDoc doc = scan_html(html);
  CHECK(doc.stray_lt == 0);

  // <head>'s first element is <meta charset="utf-8">, its second the CSP.
  std::size_t head = 0;
  while (head < doc.tags.size() && doc.tags[head].name != "head") ++head;
  REQUIRE(head + 2 < doc.tags.size());
  const HtmlTag& first = doc.tags[head + 1];
  const HtmlTag& second = doc.tags[head + 2];
  CHECK(first.name == "meta");
  CHECK((first.attribute("charset") && lower(*first.attribute("charset")) == "utf-8"));
  CHECK(second.name == "meta");
  CHECK((second.attribute("http-equiv") &&
         lower(*second.attribute("http-equiv")) == "content-security-policy"));
  CHECK((second.attribute("content") && *second.attribute("content") == kCspContent));

  for (const auto& tag : doc.tags) {
    std::string name = tag.name[0] == '/' ? tag.name.substr(1) : tag.name;
    INFO("element <" << tag.name << ">");
    CHECK(std::find(kForbiddenElements.begin(), kForbiddenElements.end(), name) ==
          kForbiddenElements.end());
    for (const auto& [key, value] : tag.attributes) {
      INFO("attribute " << key << "=\"" << value << "\"");
      CHECK(std::find(kForbiddenAttributes.begin(), kForbiddenAttributes.end(), key) ==
            kForbiddenAttributes.end());
      CHECK(key.rfind("on", 0) != 0);
      CHECK(!has_ci(value, "url("));
      CHECK(!has_ci(value, "javascript:"));
      if (key == "style") CHECK(!has_ci(value, "@import"));
      // An attribute value holds no raw '<' or '&' that is not a reference.
      CHECK(!has(value, "<"));
      CHECK(!std::regex_search(value, std::regex("&(?![a-zA-Z][a-zA-Z0-9]*;|#[0-9]+;|#x[0-9a-fA-F]+;)")));
    }
    if (name == "meta" && tag.attribute("http-equiv"))
      CHECK(lower(*tag.attribute("http-equiv")) == "content-security-policy");
    if (tag.name == "svg") {
      CHECK(tag.attribute("viewbox") != nullptr);
      if (const std::string* width = tag.attribute("width")) {
        INFO("svg width " << *width);
        CHECK((has(*width, "%") || std::atoi(width->c_str()) <= 390));
      }
    }
  }
  CHECK(!has_ci(doc.style, "url("));
  CHECK(!has_ci(doc.style, "@import"));
  CHECK(!has_ci(doc.style, "@font-face"));
  // No fixed width wider than a phone.
  std::smatch m;
  std::string style = doc.style;
  std::regex fixed("(?:^|[^-a-z])(?:min-)?width\\s*:\\s*([0-9]+)px", std::regex::icase);
  for (auto it = std::sregex_iterator(style.begin(), style.end(), fixed);
       it != std::sregex_iterator(); ++it) {
    INFO("CSS " << it->str());
    CHECK(std::stoi((*it)[1].str()) <= 390);
  }
  // Every '&' in the text starts a character reference.
  CHECK(!std::regex_search(doc.text, std::regex("&(?![a-zA-Z][a-zA-Z0-9]*;|#[0-9]+;|#x[0-9a-fA-F]+;)")));
  // No control character but tab and line breaks.
  std::string controls;
  for (char c : html) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') controls += std::to_string(u) + " ";
  }
  INFO("control characters in the html: " << controls);
  CHECK(controls.empty());
}

// The text of the report as a reader sees it: tags dropped, references decoded.
std::string html_text(const std::string& html) { return html_unescape(scan_html(html).text); }

// The text of the first <h1>.
std::string html_h1(const std::string& html) {
  auto start = lower(html).find("<h1");
  if (start == std::string::npos) return {};
  start = html.find('>', start);
  auto end = lower(html).find("</h1>", start);
  if (start == std::string::npos || end == std::string::npos) return {};
  return trim(html_text(html.substr(start + 1, end - start - 1)));
}

// ---------------------------------------------------------------------------
// Running other programs, and the PNG screenshots of the browser tests.

// An executable named `name` on PATH; empty if there is none.
fs::path find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (!path) return {};
  std::string dirs = path;
  std::size_t start = 0;
  while (start <= dirs.size()) {
    auto end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    fs::path candidate = fs::path(dirs.substr(start, end - start)) / name;
    if (end > start && access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return {};
}

fs::path find_chromium() {
  fs::path p = find_program("chromium");
  return p.empty() ? find_program("chromium-browser") : p;
}

// Runs a shell command with standard output and error in files of `scratch`.
RunResult run_command(const std::string& command, const TempDir& scratch) {
  auto out = scratch.path() / "command.out";
  auto err = scratch.path() / "command.err";
  std::string full = command + " </dev/null >" + shell_quote(out.string()) + " 2>" +
                     shell_quote(err.string());
  int status = std::system(full.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

// Chromium's standard error without its complaints about D-Bus, which a
// container does not run; at most 2,000 characters.
std::string chromium_errors(const std::string& err) {
  std::string out;
  for (const auto& line : split_lines(err))
    if (!has(line, "dbus") && !has(line, "bus.cc")) out += line + "\n";
  return out.size() > 2000 ? out.substr(0, 2000) + "…" : out;
}

// Headless Chromium with its own profile and home in `scratch`, under a time
// limit where `timeout` exists: `args` then the file's URL.
RunResult run_chromium(const fs::path& chromium, const TempDir& scratch, const std::string& args,
                       const fs::path& page) {
  fs::path timeout = find_program("timeout");
  std::string command = "HOME=" + shell_quote(scratch.path().string()) + " " +
                        (timeout.empty() ? "" : shell_quote(timeout.string()) + " 180 ") +
                        shell_quote(chromium.string()) +
                        " --headless --no-sandbox --disable-gpu --disable-dev-shm-usage"
                        " --no-first-run --user-data-dir=" +
                        shell_quote((scratch.path() / "chromium-profile").string()) + " " + args +
                        " " + shell_quote("file://" + fs::absolute(page).string());
  return run_command(command, scratch);
}

// A screenshot: `width` x `height` RGBA pixels.
struct Image {
  std::uint32_t width = 0, height = 0;
  std::vector<std::uint32_t> pixels;
  std::uint32_t at(std::uint32_t x, std::uint32_t y) const {
    return pixels[static_cast<std::size_t>(y) * width + x];
  }
};

std::uint32_t be32(const std::string& s, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) << 24) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3]));
}

// Decodes an 8-bit, non-interlaced PNG (grey, grey+alpha, RGB or RGBA): the
// IDAT chunks inflated with zlib, then each row's filter undone.
Image decode_png(const std::string& png) {
  REQUIRE(png.size() > 8);
  REQUIRE(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  Image image;
  int color_type = -1;
  std::string idat;
  for (std::size_t at = 8; at + 12 <= png.size();) {
    std::uint32_t length = be32(png, at);
    std::string type = png.substr(at + 4, 4);
    REQUIRE(at + 12 + length <= png.size());
    if (type == "IHDR") {
      image.width = be32(png, at + 8);
      image.height = be32(png, at + 12);
      REQUIRE(static_cast<unsigned char>(png[at + 16]) == 8);  // bit depth
      color_type = static_cast<unsigned char>(png[at + 17]);
      REQUIRE(static_cast<unsigned char>(png[at + 20]) == 0);  // not interlaced
    } else if (type == "IDAT") {
      idat += png.substr(at + 8, length);
    } else if (type == "IEND") {
      break;
    }
    at += 12 + length;
  }
  std::size_t channels = color_type == 0 ? 1 : color_type == 4 ? 2 : color_type == 2 ? 3 : 4;
  REQUIRE((color_type == 0 || color_type == 2 || color_type == 4 || color_type == 6));
  REQUIRE(image.width > 0);
  REQUIRE(image.height > 0);
  std::size_t stride = static_cast<std::size_t>(image.width) * channels;
  std::vector<unsigned char> raw((stride + 1) * image.height);
  uLongf raw_size = static_cast<uLongf>(raw.size());
  REQUIRE(uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(idat.data()),
                     static_cast<uLong>(idat.size())) == Z_OK);
  REQUIRE(raw_size == raw.size());
  std::vector<unsigned char> prev(stride, 0), row(stride);
  image.pixels.reserve(static_cast<std::size_t>(image.width) * image.height);
  for (std::size_t y = 0; y < image.height; ++y) {
    const unsigned char* line = raw.data() + y * (stride + 1);
    unsigned char filter = line[0];
    REQUIRE(filter <= 4);
    for (std::size_t x = 0; x < stride; ++x) {
      int a = x >= channels ? row[x - channels] : 0;
      int b = prev[x];
      int c = x >= channels ? prev[x - channels] : 0;
      int predictor = 0;
      switch (filter) {
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) / 2; break;
        case 4: {
          int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: break;
      }
      row[x] = static_cast<unsigned char>((line[1 + x] + predictor) & 0xFF);
    }
    for (std::size_t x = 0; x < image.width; ++x) {
      const unsigned char* p = row.data() + x * channels;
      std::uint32_t r = p[0], g = p[0], bl = p[0], alpha = 255;
      if (channels >= 3) {
        g = p[1];
        bl = p[2];
      }
      if (channels == 2) alpha = p[1];
      if (channels == 4) alpha = p[3];
      image.pixels.push_back((r << 24) | (g << 16) | (bl << 8) | alpha);
    }
    prev = row;
  }
  return image;
}

// Requires that a screenshot shows something: more than 2 % of its pixels
// differ from its most common colour, and it has at least 3 colours.
void check_not_blank(const Image& image) {
  std::unordered_map<std::uint32_t, std::size_t> counts;
  for (std::uint32_t p : image.pixels) ++counts[p];
  std::size_t most = 0;
  for (const auto& [colour, n] : counts) most = std::max(most, n);
  std::size_t total = image.pixels.size();
  INFO(image.width << "x" << image.height << ": " << counts.size() << " colours, "
                   << (total - most) << " of " << total << " pixels off the most common colour");
  CHECK(counts.size() >= 3);
  CHECK((total - most) * 50 > total);
}

// Screenshots `page` at `width` x 2000 and checks the PNG is a page with something on it.
Image screenshot(const fs::path& chromium, const TempDir& scratch, const fs::path& page,
                 int width) {
  fs::path png = scratch.path() / ("shot-" + std::to_string(width) + ".png");
  RunResult r = run_chromium(chromium, scratch,
                             "--hide-scrollbars --window-size=" + std::to_string(width) +
                                 ",2000 --screenshot=" + shell_quote(png.string()),
                             page);
  INFO("chromium exit " << r.exit_code << "\nstderr: " << chromium_errors(r.err));
  REQUIRE(r.exit_code == 0);
  REQUIRE(fs::exists(png));
  Image image = decode_png(read_file(png));
  CHECK(image.width == static_cast<std::uint32_t>(width));
  check_not_blank(image);
  return image;
}

// ---------------------------------------------------------------------------
// The hostile case: values that would run script, open an element, reverse
// the text or stretch the page, in ids, reasons, titles and the input's name.

const std::string kScriptId = "<script>alert(1)</script>";
const std::string kImgId = "\"><img src=x onerror=alert(1)>";
const std::string kQuoteId = "O'Brien & Sons";
const std::string kPipeId = "a|b`c\nd";
const std::string kControlId = std::string("ctl\x01") + "x";
const std::string kRloId = kRlo + "evil.exe";
const std::string kLongId(10000, 'W');
const std::string kCallTitle = "<script>alert('call')</script> & \"co\"";
const std::string kProfileTitle = "Dev <b>\"x\"</b> & 'y'";
const std::string kRuleText = "Citizen <script>alert(2)</script>";
const std::string kHostileInput = "in<i>&'\"x.csv";

// A YAML double-quoted scalar.
std::string yaml_quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string hostile_rules() {
  return "shortlist: 1\n"
         "call:\n"
         "  id: HOSTILE\n"
         "  title: " + yaml_quoted(kCallTitle) + "\n"
         "fields:\n"
         "  id:      { column: id }\n"
         "  country: { column: country, type: country }\n"
         "  years:   { column: years, type: number }\n"
         "  bonus:   { column: bonus, type: number }\n"
         "profiles:\n"
         "  - id: dev\n"
         "    title: " + yaml_quoted(kProfileTitle) + "\n"
         "    require:\n"
         "      - { id: eu-citizen, text: " + yaml_quoted(kRuleText) + ", field: country, in: EU }\n"
         "      - { id: experienced, field: years, at_least: 1 }\n"
         "    score:\n"
         "      - { id: bonus, field: bonus, each: 1 }\n"
         "    shortlist: { top: 10 }\n";
}

// A CSV cell, quoted when it holds a comma, quote or line break.
std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

// line  id            bonus (score)  status
//  2    kScriptId     9              shortlisted, rank 1
//  3    kImgId        8              rank 2
//  4    kQuoteId      7              rank 3
//  5-6  kPipeId       6              rank 4 (a quoted line break: the record starts on 5)
//  7    kControlId    5              rank 5
//  8    kRloId        4              rank 6
//  9    kLongId       3              rank 7
// 10    R1            <script>alert(3)</script>        review: unreadable score
// 11    R2            "><img src=x onerror=alert(4)>   review
// 12    R3            '&'                              review
// Every one DE with 2 years: both knock-outs pass. top 10 > 7 eligible, no
// min_score: all 7 shortlisted, ranked by score.
const std::vector<std::string> kHostileIds = {kScriptId,  kImgId, kQuoteId, kPipeId,
                                              kControlId, kRloId, kLongId};
const std::vector<std::string> kHostileBonuses = {"<script>alert(3)</script>",
                                                  "\"><img src=x onerror=alert(4)>", "'&'"};

std::string hostile_applicants() {
  std::string out = "id,country,years,bonus\n";
  int bonus = 9;
  for (const auto& id : kHostileIds) out += csv_cell(id) + ",DE,2," + std::to_string(bonus--) + "\n";
  int n = 1;
  for (const auto& b : kHostileBonuses) out += "R" + std::to_string(n++) + ",DE,2," + csv_cell(b) + "\n";
  return out;
}

void screen_hostile(const TempDir& dir) { screen(dir, hostile_rules(), hostile_applicants(), kHostileInput); }

// The review decisions' reasons in the record, in input order.
Strings review_reasons(const TempDir& dir) {
  Strings out;
  for (const auto& d : decision_lines(parse_json_lines(read_file(dir.path() / "d.jsonl"))))
    if (d.str("status") == "review") out.push_back(d.str("reason"));
  return out;
}

}  // namespace

// ===========================================================================
// Markdown: the content.

TEST_CASE("report md: funnel counts, cumulative per rule, with shares of screened",
          "[cli][report]") {
  // kApplicants: worked out above it.
  TempDir dir;
  screen(dir, kRules, kApplicants);
  RunResult r = report(dir, "-f md");
  INFO("stdout:\n" << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);

  CHECK(md_title(r.out) == "screening report: report test call");
  auto parts = md_profile_parts(r.out, "dev: Developer");
  const std::vector<Stage> funnel = {{"screened", 19},
                                     {"passed eu-citizen", 12},
                                     {"passed experienced", 10},
                                     {"eligible", 7},
                                     {"at or above the cut-off", 4},
                                     {"shortlisted", 2}};
  auto rows = md_rows(md_part(parts, Part::kFunnel, "funnel"));
  check_counted_rows(rows, funnel);
  check_shares(rows, funnel, 19);
}

TEST_CASE("report md: the run's tool version, rules and input with their SHA-256, and totals",
          "[cli][report]") {
  // The hashes are computed here from the files; the totals are those of
  // kApplicants: 20 records, 1 invalid, 0 no-profile.
  TempDir dir;
  screen(dir, kRules, kApplicants);
  RunResult r = report(dir, "-f md");
  INFO("stdout:\n" << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  std::string run = r.out.substr(0, r.out.find("dev: Developer"));
  CHECK(has(run, "1.0.0"));
  CHECK(has(run, "rules.yaml"));
  CHECK(has(run, sha256_hex(kRules)));
  CHECK(has(run, "a.csv"));
  CHECK(has(run, sha256_hex(kApplicants)));
  CHECK(std::regex_search(run, std::regex("records[^0-9\\n]{0,30}20\\b", std::regex::icase)));
  CHECK(std::regex_search(run, std::regex("invalid[^0-9\\n]{0,30}1\\b", std::regex::icase)));
  CHECK(std::regex_search(run, std::regex("no.profile[^0-9\\n]{0,30}0\\b", std::regex::icase)));
}

TEST_CASE("report md: scores of the eligible, histogram bins and the cut-off",
          "[cli][report]") {
  // Eligible scores 0 1 2 3 5 5 7: count 7, lowest 0, median 3, highest 7;
  // the bins hold 7 in all, at most 20 of them; min_score 3 is marked.
  TempDir dir;
  screen(dir, kRules, kApplicants);
  RunResult r = report(dir, "-f md");
  INFO("stdout:\n" << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  MdPart scores = md_part(md_profile_parts(r.out, "dev: Developer"), Part::kScores, "scores");
  INFO("scores part:\n" << scores.text());
  CHECK(stat_of(scores, "count") == std::optional<std::string>("7"));
  CHECK(stat_of(scores, "lowest") == std::optional<std::string>("0"));
  CHECK(stat_of(scores, "median") == std::optional<std::string>("3"));
  CHECK(stat_of(scores, "highest") == std::optional<std::string>("7"));
  std::vector<int> bins = histogram_counts(scores);
  CHECK(!bins.empty());
  CHECK(bins.size() <= 20);
  int sum = 0;
  for (int b : bins) sum += b;
  CHECK(sum == 7);
  CHECK(marks_cutoff(scores.text(), "3"));
}

TEST_CASE("report md: when every eligible score is the same, one bin with clean bounds",
          "[cli][report]") {
  // kRules with two applicants, both eligible with a bonus of 5: count 2,
  // lowest = median = highest = 5, and the bins hold 2 in all. Scores are exact
  // decimals, so a bin's bounds are too: at most 3 fraction digits, never a
  // binary floating-point remainder such as 5.000000000001. The bin that holds
  // the two starts at or below 5 and ends above it.
  TempDir dir;
  screen(dir, kRules, "id,country,years,bonus\nB1,DE,2,5\nB2,FR,3,5\n");
  RunResult r = report(dir, "-f md");
  INFO("stdout:\n" << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  MdPart scores = md_part(md_profile_parts(r.out, "dev: Developer"), Part::kScores, "scores");
  CHECK(stat_of(scores, "count") == std::optional<std::string>("2"));
  CHECK(stat_of(scores, "lowest") == std::optional<std::string>("5"));
  CHECK(stat_of(scores, "median") == std::optional<std::string>("5"));
  CHECK(stat_of(scores, "highest") == std::optional<std::string>("5"));
  std::vector<int> bins = histogram_counts(scores);
  int sum = 0;
  for (int b : bins) sum += b;
  CHECK(sum == 2);
  // Every number in the part's tables (the bins' bounds among them).
  std::regex number("-?[0-9]+(?:\\.[0-9]+)?"), exact("-?[0-9]+(?:\\.[0-9]{1,3})?");
  for (const auto& t : scores.tables()) {
    for (const auto& row : t.rows) {
      for (const auto& cell : row) {
        std::string c = plain(cell);
        if (!std::regex_match(c, number)) continue;
        INFO("cell " << c);
        CHECK(std::regex_match(c, exact));
      }
      // A bin "from | below | 2": the two scores of 5 lie in it.
      if (row.size() >= 3 && std::regex_match(plain(row[0]), number) &&
          std::regex_match(plain(row[1]), number) && plain(row[2]) == "2") {
        CHECK(std::stod(plain(row[0])) <= 5.0);
        CHECK(std::stod(plain(row[1])) > 5.0);
      }
    }
  }
}

TEST_CASE("report md: reasons for ineligible and for review, most frequent first",
          "[cli][report]") {
  // Ineligible: eu-citizen 3 (A02 A04 A14), experienced 2 (A03 A04): A04 counts
  // for both. Review: eu-citizen: missing 3, duplicate id 2, then three at 1
  // (their order among themselves is not fixed by the design). A13's
  // unreadable score rule counts, as "score bonus: unreadable"; A07's experienced is missing.
  TempDir dir;
  screen(dir, kRules, kApplicants);
  RunResult r = report(dir, "-f md");
  INFO("stdout:\n" << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  auto parts = md_profile_parts(r.out, "dev: Developer");

  auto ineligible = md_rows(md_part(parts, Part::kIneligible, "reasons for ineligible"));
  check_counted_rows(ineligible, {{"eu-citizen", 3}, {"experienced", 2}});
  // With the rules found, each rule's text.
  REQUIRE(ineligible.size() == 2);
  std::string first_row, second_row;
  for (const auto& c : ineligible[0]) first_row += c + "|";
  for (const auto& c : ineligible[1]) second_row += c + "|";
  CHECK(has(first_row, "Citizen of an EU Member State"));
  CHECK(has(second_row, "At least one year of experience"));

  auto review = md_rows(md_part(parts, Part::kReview, "reasons for review"));
  REQUIRE(review.size() == 5);
  check_counted_rows({review[0], review[1]}, {{"eu-citizen: missing", 3}, {"duplicate id", 2}});
  std::map<std::string, std::string> ones;
  for (std::size_t i = 2; i < review.size(); ++i)
    ones[plain(review[i][0])] = count_of(review[i]).value_or("?");
  std::string got;
  for (const auto& [label, count] : ones) got += label + " " + count + "; ";
  // A score rule's reason says it is one ("score bonus"), apart from the
  // require rules' ids.
  CHECK(got == "eu-citizen: unreadable 1; experienced: missing 1; score bonus: unreadable 1; ");
}

TEST_CASE("report md: the shortlist by rank and the review worklist in input order",
          "[cli][report]") {
  // Shortlist: 1 A09 7 a.csv:10; 2 A01 5 a.csv:2 (A12, also 5, is rank 3:
  // reserve). Worklist: the 8 reviews in input order, each with the reason the
  // record gives it.
  TempDir dir;
  screen(dir, kRules, kApplicants);
  RunResult r = report(dir, "-f md");
  INFO("stdout:\n" << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  auto parts = md_profile_parts(r.out, "dev: Developer");

  auto shortlist = md_rows(md_part(parts, Part::kShortlist, "shortlist"));
  CHECK(shortlist == std::vector<Strings>{{"1", "A09", "7", "a.csv:10"}, {"2", "A01", "5", "a.csv:2"}});

  Strings reasons = review_reasons(dir);
  REQUIRE(reasons.size() == 8);
  const std::vector<std::pair<std::string, std::string>> reviews = {
      {"A05", "a.csv:6"},  {"A06", "a.csv:7"},  {"A07", "a.csv:8"},  {"A13", "a.csv:14"},
      {"A16", "a.csv:16"}, {"A16", "a.csv:17"}, {"A18", "a.csv:19"}, {"A19", "a.csv:20"}};
  std::vector<Strings> expected;
  for (std::size_t i = 0; i < reviews.size(); ++i)
    expected.push_back({reviews[i].first, reviews[i].second, md_escape(reasons[i])});
  CHECK(md_rows(md_part(parts, Part::kWorklist, "worklist")) == expected);
}

TEST_CASE("report md: one section per profile in the run line's order, each with its own counts",
          "[cli][report]") {
  // Two profiles, zeta before alpha in the rules (so not alphabetical); no
  // call title, so the title falls back to the call id.
  //   zeta  requires years >= 1: years 0 1 3 5 -> screened 4, passed 3, eligible 3
  //   alpha requires years >= 3:                 screened 4, passed 2, eligible 2
  // top 10, no min_score: every eligible applicant is shortlisted.
  TempDir dir;
  const std::string rules =
      "shortlist: 1\n"
      "call:\n"
      "  id: TWO-PROFILES\n"
      "fields:\n"
      "  id:    { column: id }\n"
      "  years: { column: years, type: number }\n"
      "profiles:\n"
      "  - id: zeta\n"
      "    title: Last letter\n"
      "    require:\n"
      "      - { id: one-year, field: years, at_least: 1 }\n"
      "    score:\n"
      "      - { id: years, field: years, each: 1 }\n"
      "    shortlist: { top: 10 }\n"
      "  - id: alpha\n"
      "    title: First letter\n"
      "    require:\n"
      "      - { id: three-years, field: years, at_least: 3 }\n"
      "    score:\n"
      "      - { id: years, field: years, each: 1 }\n"
      "    shortlist: { top: 10 }\n";
  screen(dir, rules, "id,years\nP1,0\nP2,1\nP3,3\nP4,5\n");
  RunResult r = report(dir, "-f md");
  INFO("stdout:\n" << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(md_title(r.out) == "screening report: two-profiles");
  CHECK(r.out.find("zeta: Last letter") < r.out.find("alpha: First letter"));
  check_counted_rows(md_rows(md_part(md_profile_parts(r.out, "zeta: Last letter"), Part::kFunnel,
                                     "funnel")),
                     {{"screened", 4},
                      {"passed one-year", 3},
                      {"eligible", 3},
                      {"at or above the cut-off", 3},
                      {"shortlisted", 3}});
  check_counted_rows(md_rows(md_part(md_profile_parts(r.out, "alpha: First letter"), Part::kFunnel,
                                     "funnel")),
                     {{"screened", 4},
                      {"passed three-years", 2},
                      {"eligible", 2},
                      {"at or above the cut-off", 2},
                      {"shortlisted", 2}});
  // Shortlists by rank: zeta 5, 3, 1 (P4 P3 P2); alpha P4 P3.
  CHECK(md_rows(md_part(md_profile_parts(r.out, "zeta: Last letter"), Part::kShortlist, "shortlist")) ==
        std::vector<Strings>{{"1", "P4", "5", "a.csv:5"}, {"2", "P3", "3", "a.csv:4"}, {"3", "P2", "1", "a.csv:3"}});
  CHECK(md_rows(md_part(md_profile_parts(r.out, "alpha: First letter"), Part::kShortlist, "shortlist")) ==
        std::vector<Strings>{{"1", "P4", "5", "a.csv:5"}, {"2", "P3", "3", "a.csv:4"}});
}

TEST_CASE("report md: values escaped as in the shortlist's md, one cell each",
          "[cli][report]") {
  // The hostile case: every shortlist row keeps its 4 cells, whatever the id
  // holds. Escapes by hand: | -> \|, ` -> \`, < > & -> entities, a line break
  // -> <br>, U+0001 -> U+FFFD; ' and " stay; the input's name escaped the same.
  TempDir dir;
  screen_hostile(dir);
  RunResult r = report(dir, "-f md");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(!has_ci(r.out, "<script"));
  CHECK(!has_ci(r.out, "<img"));
  CHECK(!has(r.out, "<b>"));
  std::string controls;
  for (char c : r.out) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\t') controls += std::to_string(u) + " ";
  }
  INFO("control characters in the md: " << controls);
  CHECK(controls.empty());
  const std::string source = "in&lt;i&gt;&amp;'\"x.csv:";
  CHECK(md_title(r.out) == lower("Screening report: &lt;script&gt;alert('call')&lt;/script&gt; &amp; \"co\""));
  auto parts = md_profile_parts(r.out, "dev: Dev &lt;b&gt;\"x\"&lt;/b&gt; &amp; 'y'");
  std::vector<Strings> expected = {
      {"1", "&lt;script&gt;alert(1)&lt;/script&gt;", "9", source + "2"},
      {"2", "\"&gt;&lt;img src=x onerror=alert(1)&gt;", "8", source + "3"},
      {"3", "O'Brien &amp; Sons", "7", source + "4"},
      {"4", "a\\|b\\`c<br>d", "6", source + "5"},
      {"5", "ctl" + kReplacement + "x", "5", source + "7"},
      {"6", kRloId, "4", source + "8"},
      {"7", kLongId, "3", source + "9"}};
  CHECK(md_rows(md_part(parts, Part::kShortlist, "shortlist")) == expected);

  // The worklist: R1..R3 with the record's reasons (which quote the values), escaped.
  Strings reasons = review_reasons(dir);
  REQUIRE(reasons.size() == 3);
  CHECK(md_rows(md_part(parts, Part::kWorklist, "worklist")) ==
        std::vector<Strings>{{"R1", source + "10", md_escape(reasons[0])},
                             {"R2", source + "11", md_escape(reasons[1])},
                             {"R3", source + "12", md_escape(reasons[2])}});
}

// ===========================================================================
// HTML.

TEST_CASE("report html: a self-contained page with the CSP first, no script, nothing fetched",
          "[cli][report]") {
  TempDir dir;
  screen(dir, kRules, kApplicants);
  RunResult r = report(dir, "-f html");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  check_html_safety(r.out);
  // The content is there: title, section, hashes, the shortlist by rank.
  std::string text = html_text(r.out);
  CHECK(html_h1(r.out) == "Screening report: Report test call");
  CHECK(has(text, "dev: Developer"));
  CHECK(has(text, sha256_hex(kRules)));
  CHECK(has(text, sha256_hex(kApplicants)));
  CHECK(has(r.out, "<svg"));
  auto a09 = text.find("A09"), a01 = text.find("A01", a09 == std::string::npos ? 0 : a09);
  CHECK(a09 != std::string::npos);
  CHECK(a01 != std::string::npos);
  // The worklist in input order (these ids appear nowhere else).
  std::size_t at = 0;
  for (const char* id : {"A05", "A06", "A07", "A13", "A18", "A19"}) {
    INFO("worklist id " << id);
    auto found = text.find(id);
    CHECK(found != std::string::npos);
    CHECK(found >= at);
    if (found != std::string::npos) at = found;
  }
  // Long cells wrap.
  CHECK(std::regex_search(scan_html(r.out).style, std::regex("overflow-wrap\\s*:\\s*anywhere")));
}

TEST_CASE("report html: every value from the record escaped, in text and attributes",
          "[cli][report]") {
  // The hostile case. None of the values may open an element or an attribute;
  // each must read, once the references are decoded, as it was written (the
  // control character as U+FFFD).
  TempDir dir;
  screen_hostile(dir);
  RunResult r = report(dir, "");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  check_html_safety(r.out);
  CHECK(!has_ci(r.out, "<img"));
  CHECK(!has(r.out, "<b>"));
  CHECK(!has(r.out, "<i>"));
  // The raw forms of ', " and & around the values are not in the file.
  CHECK(!has(r.out, "O'Brien"));
  CHECK(!has(r.out, "& Sons"));
  CHECK(!has(r.out, "alert('call')"));
  CHECK(!has(r.out, "\"&gt;&lt;img"));
  CHECK(!has(r.out, "\"><img"));
  CHECK(!has(r.out, "&'\"x.csv"));
  CHECK(!has(r.out, "\"x\""));

  std::string text = html_text(r.out);
  CHECK(html_h1(r.out) == "Screening report: " + kCallTitle);
  CHECK(has(text, "dev: " + kProfileTitle));
  CHECK(has(text, kScriptId));
  CHECK(has(text, kImgId));
  CHECK(has(text, kQuoteId));
  CHECK(has(text, "ctl" + kReplacement + "x"));
  CHECK(has(text, kRloId));
  CHECK(has(text, kLongId));
  CHECK(has(text, kHostileInput + ":2"));
  for (const auto& reason : review_reasons(dir)) {
    INFO("reason " << reason);
    CHECK(has(text, reason));
  }
}

// ===========================================================================
// Determinism, formats, outputs and exit codes.

TEST_CASE("report: the same record gives byte-identical reports, to stdout or to -o",
          "[cli][report]") {
  TempDir dir;
  screen(dir, kRules, kApplicants);
  for (const char* format : {"html", "md"}) {
    INFO("format " << format);
    RunResult a = report(dir, std::string("-f ") + format);
    RunResult b = report(dir, std::string("-f ") + format);
    REQUIRE(a.exit_code == 0);
    REQUIRE(b.exit_code == 0);
    CHECK(a.out == b.out);
    RunResult c = report(dir, std::string("-f ") + format + " -o out." + format);
    REQUIRE(c.exit_code == 0);
    CHECK(read_file(dir.path() / (std::string("out.") + format)) == a.out);
  }
}

TEST_CASE("report: --sort-memory 1 spills and gives the same bytes, with counts on 105,000 records",
          "[cli][report]") {
  // Applicant i = 1..105000 (id "applicant-with-a-long-identifier-NNNNNN"):
  //   country DE, except blank when i % 5 == 0; years i % 3; bonus i % 7.
  //   i % 3 == 0            -> years 0: experienced fails -> ineligible   35000
  //   else i % 5 == 0       -> country missing -> review                  14000
  //   else                  -> eligible                                   56000
  // (105 = 3 * 5 * 7 and 105000 = 1000 * 105: each residue triple 1000 times.)
  //   passed eu-citizen (i % 5 != 0) 84000; passed experienced 56000;
  //   at or above min_score 3 (bonus 3..6: 4 of 7) 32000; shortlisted top 100.
  // Ineligible reasons: experienced 35000 (eu-citizen is missing, not failed,
  // when i % 15 == 0). Review: eu-citizen: missing 14000.
  // Shortlist: score 6 (i % 7 == 6), eligible, by id (zero-padded, so by i).
  TempDir dir;
  std::string csv = "id,country,years,bonus\n";
  auto id_of = [](int i) {
    std::string n = std::to_string(i);
    return "applicant-with-a-long-identifier-" + std::string(6 - n.size(), '0') + n;
  };
  for (int i = 1; i <= 105000; ++i)
    csv += id_of(i) + (i % 5 == 0 ? "," : ",DE") + "," + std::to_string(i % 3) + "," +
           std::to_string(i % 7) + "\n";
  std::string rules = kRules;
  rules.replace(rules.find("top: 2"), 6, "top: 100");
  screen(dir, rules, csv);

  RunResult small = report(dir, "-f md --sort-memory 1");
  RunResult big = report(dir, "-f md");
  INFO("stderr: " << small.err);
  REQUIRE(small.exit_code == 0);
  REQUIRE(big.exit_code == 0);
  CHECK(small.out == big.out);
  RunResult small_html = report(dir, "-f html --sort-memory 1");
  RunResult big_html = report(dir, "-f html");
  REQUIRE(small_html.exit_code == 0);
  CHECK(small_html.out == big_html.out);

  auto parts = md_profile_parts(small.out, "dev: Developer");
  check_counted_rows(md_rows(md_part(parts, Part::kFunnel, "funnel")),
                     {{"screened", 105000},
                      {"passed eu-citizen", 84000},
                      {"passed experienced", 56000},
                      {"eligible", 56000},
                      {"at or above the cut-off", 32000},
                      {"shortlisted", 100}});
  check_counted_rows(md_rows(md_part(parts, Part::kIneligible, "reasons for ineligible")),
                     {{"experienced", 35000}});
  check_counted_rows(md_rows(md_part(parts, Part::kReview, "reasons for review")),
                     {{"eu-citizen: missing", 14000}});
  std::vector<Strings> shortlist;
  for (int i = 1; shortlist.size() < 100; ++i)
    if (i % 7 == 6 && i % 3 != 0 && i % 5 != 0)
      shortlist.push_back({std::to_string(shortlist.size() + 1), id_of(i), "6",
                           "a.csv:" + std::to_string(i + 1)});
  CHECK(md_rows(md_part(parts, Part::kShortlist, "shortlist")) == shortlist);
  auto worklist = md_rows(md_part(parts, Part::kWorklist, "worklist"));
  REQUIRE(worklist.size() == 14000);
  // The first reviews: i = 5, 10, 20 (15 is ineligible); the last 104995.
  CHECK(worklist[0][0] == id_of(5));
  CHECK(worklist[1][0] == id_of(10));
  CHECK(worklist[2][0] == id_of(20));
  CHECK(worklist.back()[0] == id_of(104995));
  // Eligible scores: 8000 each of 0..6: lowest 0, highest 6, median 3.
  MdPart scores = md_part(parts, Part::kScores, "scores");
  CHECK(stat_of(scores, "count") == std::optional<std::string>("56000"));
  CHECK(stat_of(scores, "lowest") == std::optional<std::string>("0"));
  CHECK(stat_of(scores, "median") == std::optional<std::string>("3"));
  CHECK(stat_of(scores, "highest") == std::optional<std::string>("6"));
}

TEST_CASE("report: the format from -f, else from -o's extension, else html", "[cli][report]") {
  TempDir dir;
  screen(dir, kRules, kApplicants);
  auto is_html = [](const std::string& s) { return s.rfind("<!DOCTYPE html>", 0) == 0; };
  auto is_md = [](const std::string& s) {
    return md_title(s) == "screening report: report test call" && !has_ci(s, "<!doctype");
  };
  struct Case {
    std::string args, file;
    bool html;
  };
  const std::vector<Case> cases = {
      {"", "", true},                       // stdout, no -f: html
      {"-f md", "", false},                 // stdout, -f md
      {"-f html", "", true},
      {"-o r.html", "r.html", true},
      {"-o r.htm", "r.htm", true},
      {"-o r.md", "r.md", false},
      {"-o r.txt", "r.txt", true},          // another extension: html
      {"-o report", "report", true},        // none: html
      {"-f md -o r.html", "r.html", false},  // -f wins over the extension
      {"-f html -o r.md", "r.md", true},
  };
  for (const auto& c : cases) {
    INFO("report d.jsonl " << c.args);
    RunResult r = report(dir, c.args);
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    std::string got = c.file.empty() ? r.out : read_file(dir.path() / c.file);
    if (!c.file.empty()) CHECK(r.out.empty());
    CHECK((c.html ? is_html(got) : is_md(got)));
  }
}

TEST_CASE("report: an unknown -f is a usage error, exit 2, and writes nothing", "[cli][report]") {
  TempDir dir;
  screen(dir, kRules, kApplicants);
  for (const char* args : {"-f pdf", "-f csv -o r.csv", "-f HTM -o r.html", "-f pdf -o r.pdf"}) {
    INFO("report d.jsonl " << args);
    RunResult r = report(dir, args);
    CHECK(r.exit_code == 2);
    CHECK(!r.err.empty());
    CHECK(r.out.empty());
  }
  CHECK(!fs::exists(dir.path() / "r.csv"));
  CHECK(!fs::exists(dir.path() / "r.html"));
  CHECK(!fs::exists(dir.path() / "r.pdf"));
}

TEST_CASE("report -o writes the file, nothing to stdout, and leaves no temporary file",
          "[cli][report]") {
  TempDir dir;
  screen(dir, kRules, kApplicants);
  auto before = shortlist::test::folder_entries(dir.path());
  RunResult r = report(dir, "-o report.html");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(read_file(dir.path() / "report.html").rfind("<!DOCTYPE html>", 0) == 0);
  before.insert("report.html");
  CHECK(shortlist::test::folder_entries(dir.path()) == before);
}

TEST_CASE("report: a record line that is not JSON is an input error naming file and line, exit 4",
          "[cli][report]") {
  // The record of kApplicants with its third line (the second decision) cut
  // in half. An existing output stays as it was.
  TempDir dir;
  screen(dir, kRules, kApplicants);
  Strings lines = split_lines(read_file(dir.path() / "d.jsonl"));
  REQUIRE(lines.size() > 3);
  lines[2] = lines[2].substr(0, lines[2].size() / 2);
  std::string broken;
  for (const auto& l : lines) broken += l + "\n";
  dir.write("broken.jsonl", broken);
  dir.write("old.html", "old");
  RunResult r = run_shortlist("report broken.jsonl -o old.html", dir.path());
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(std::regex_search(r.err, std::regex("broken\\.jsonl:3\\b|broken\\.jsonl.*line 3\\b")));
  CHECK(read_file(dir.path() / "old.html") == "old");

  // Not JSON at all, on the first line.
  dir.write("text.jsonl", "this is not a decision record\n");
  RunResult t = run_shortlist("report text.jsonl -f md", dir.path());
  INFO("stderr: " << t.err);
  CHECK(t.exit_code == 4);
  CHECK(std::regex_search(t.err, std::regex("text\\.jsonl:1\\b|text\\.jsonl.*line 1\\b")));
  CHECK(t.out.empty());

  // No such file.
  RunResult missing = run_shortlist("report nowhere.jsonl", dir.path());
  CHECK(missing.exit_code == 4);
  CHECK(has(missing.err, "nowhere.jsonl"));
}

TEST_CASE("report: an output that cannot be written is exit 5", "[cli][report]") {
  TempDir dir;
  screen(dir, kRules, kApplicants);
  RunResult r = report(dir, "-o no-such-folder/report.html");
  CHECK(r.exit_code == 5);
  CHECK(has(r.err, "no-such-folder"));
}

TEST_CASE("report: rules not found: still written with rule ids only, a warning, exit 0",
          "[cli][report]") {
  // The rules file is removed after screening. The ids of the require rules
  // come from the first decision's checks (A01: eu-citizen, experienced); the
  // counts are those of the main case; no title, rule text or cut-off is known.
  TempDir dir;
  screen(dir, kRules, kApplicants);
  fs::remove(dir.path() / "rules.yaml");
  RunResult r = report(dir, "-f md -o r.md");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(!r.err.empty());
  CHECK(has(r.err, "rules.yaml"));
  std::string md = read_file(dir.path() / "r.md");
  INFO("report:\n" << md);
  CHECK(md_title(md) == "screening report: report test call");  // from the run line
  CHECK(!has(md, "Developer"));
  CHECK(!has(md, "Citizen of an EU Member State"));
  CHECK(!has(md, "At least one year of experience"));
  auto parts = md_profile_parts(md, "dev");
  check_counted_rows(md_rows(md_part(parts, Part::kFunnel, "funnel")),
                     {{"screened", 19},
                      {"passed eu-citizen", 12},
                      {"passed experienced", 10},
                      {"eligible", 7},
                      {"at or above the cut-off", 4},
                      {"shortlisted", 2}});
  check_counted_rows(md_rows(md_part(parts, Part::kIneligible, "reasons for ineligible")),
                     {{"eu-citizen", 3}, {"experienced", 2}});
  CHECK(!marks_any_cutoff(md_part(parts, Part::kScores, "scores").text()));

  // The html too.
  RunResult h = report(dir, "-o r.html");
  REQUIRE(h.exit_code == 0);
  CHECK(!h.err.empty());
  check_html_safety(read_file(dir.path() / "r.html"));
}

TEST_CASE("report finds the rules as written, then beside the record, unchanged only",
          "[cli][report]") {
  // Run from a sub-folder: "rules.yaml" (as the run line writes it) is not
  // there, so the rules beside the record are used: titles, no warning.
  TempDir dir;
  screen(dir, kRules, kApplicants);
  fs::create_directory(dir.path() / "elsewhere");
  RunResult r = run_shortlist("report ../d.jsonl -f md", dir.path() / "elsewhere");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(has(r.out, "dev: Developer"));

  // A rules.yaml in the working folder that is not the run's (another
  // title, so another SHA-256) is passed over for the one beside the record.
  std::string other = kRules;
  other.replace(other.find("title: Developer"), 16, "title: Working folder");
  dir.write("elsewhere/rules.yaml", other);
  RunResult w = run_shortlist("report ../d.jsonl -f md", dir.path() / "elsewhere");
  INFO("stderr: " << w.err);
  REQUIRE(w.exit_code == 0);
  CHECK(w.err.empty());
  CHECK(has(w.out, "dev: Developer"));
  CHECK(!has(w.out, "Working folder"));

  // The run's rules in the working folder come first; the changed file
  // beside the record is not read.
  dir.write("elsewhere/rules.yaml", kRules);
  dir.write("rules.yaml", other);
  RunResult first = run_shortlist("report ../d.jsonl -f md", dir.path() / "elsewhere");
  INFO("stderr: " << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.err.empty());
  CHECK(has(first.out, "dev: Developer"));

  // -r names the rules outright, even when they are not the run's: they are
  // used, with a warning that says so.
  RunResult given = run_shortlist("report ../d.jsonl -f md -r ../rules.yaml", dir.path() / "elsewhere");
  INFO("stderr: " << given.err);
  REQUIRE(given.exit_code == 0);
  CHECK(has(given.out, "dev: Working folder"));
  CHECK(has(given.err, "warning"));
  CHECK(has(given.err, "../rules.yaml"));
}

TEST_CASE("report: rules changed since the run are not used: rule ids only, a warning, exit 0",
          "[cli][report]") {
  // The record's rules file is edited after the run (even into a file that
  // does not load): its SHA-256 no longer matches, so it is not read.
  TempDir dir;
  screen(dir, kRules, kApplicants);
  std::string other = kRules;
  other.replace(other.find("title: Developer"), 16, "title: Edited later");
  dir.write("rules.yaml", other);
  RunResult edited = report(dir, "-f md");
  INFO("stderr: " << edited.err);
  REQUIRE(edited.exit_code == 0);
  CHECK(has(edited.err, "rules.yaml"));
  CHECK(has(edited.err, "changed since the run"));
  CHECK(!has(edited.out, "Edited later"));
  CHECK(!has(edited.out, "Developer"));

  dir.write("rules.yaml", "shortlist: 1\nprofiles: {{\n");
  RunResult broken = report(dir, "-o r.html");
  INFO("stderr: " << broken.err);
  CHECK(broken.exit_code == 0);
  CHECK(has(broken.err, "changed since the run"));
  CHECK(fs::exists(dir.path() / "r.html"));
}

TEST_CASE("report: rules given that do not load are a rules error, exit 3", "[cli][report]") {
  TempDir dir;
  screen(dir, kRules, kApplicants);
  dir.write("bad.yaml", "shortlist: 1\ncall: [unclosed\n");
  RunResult given = report(dir, "-r bad.yaml -o r.html");
  INFO("stderr: " << given.err);
  CHECK(given.exit_code == 3);
  CHECK(has(given.err, "bad.yaml"));
  CHECK(!fs::exists(dir.path() / "r.html"));
}

// ===========================================================================
// In a browser.

namespace {

// Screens the sample applicants with the sample rules from the project folder
// and writes the html report into `dir`; returns its path.
fs::path sample_report(const TempDir& dir) {
  std::string decisions = (dir.path() / "decisions.jsonl").string();
  RunResult s = run_shortlist("screen -q -r rules/eu-ai-office-2024.yaml samples/applicants.csv "
                              "--decisions " + shell_quote(decisions) + " -o " +
                                  shell_quote((dir.path() / "shortlist.csv").string()),
                              source_dir());
  INFO("screen stderr: " << s.err);
  REQUIRE(s.exit_code == 0);
  fs::path html = dir.path() / "report.html";
  RunResult r = run_shortlist("report " + shell_quote(decisions) + " -o " + shell_quote(html.string()),
                              source_dir());
  INFO("report stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  return html;
}

// A page of the test's own (no CSP) that shows `report` in a frame `width`
// pixels wide and, once loaded, writes into <pre id="measure"> one line of
// key=value words for the frame's document (its scroll and client widths; of
// the table cells whose text has at most `short_cell` characters, the most
// lines one of them takes, and its text), then one line for each table cell
// holding `needle` (its element, computed overflow-wrap and right edge).
// Chromium lets the page read the frame with --allow-file-access-from-files.
std::string measuring_page(const fs::path& report, int width, std::size_t short_cell,
                           const std::string& needle) {
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0\">\n"
         "<iframe id=\"f\" src=\"" + report.filename().string() + "\" style=\"border:0;width:" +
         std::to_string(width) + "px;height:2000px\"></iframe>\n"
         "<script>\n"
         "function lineCount(doc, cell) {\n"
         "  var range = doc.createRange(); range.selectNodeContents(cell);\n"
         "  var tops = [], rects = range.getClientRects();\n"
         "  for (var i = 0; i < rects.length; ++i) if (rects[i].width > 0) tops.push(rects[i].top);\n"
         "  tops.sort(function (a, b) { return a - b; });\n"
         "  var n = 0;\n"
         "  for (var i = 0; i < tops.length; ++i) if (i == 0 || tops[i] - tops[i - 1] > 4) ++n;\n"
         "  return n;\n"
         "}\n"
         "window.addEventListener('load', function () {\n"
         "  var out = document.createElement('pre'); out.id = 'measure'; var lines = [];\n"
         "  try {\n"
         "    var doc = document.getElementById('f').contentDocument, root = doc.documentElement;\n"
         "    var cells = doc.querySelectorAll('td, th'), worst = 0, worstText = '';\n"
         "    for (var i = 0; i < cells.length; ++i) {\n"
         "      var text = cells[i].textContent.trim();\n"
         "      if (!text.length || text.length > " + std::to_string(short_cell) + ") continue;\n"
         "      var n = lineCount(doc, cells[i]);\n"
         "      if (n > worst) { worst = n; worstText = text; }\n"
         "    }\n"
         "    lines.push('scrollWidth=' + root.scrollWidth + ' clientWidth=' + root.clientWidth +\n"
         "               ' shortLines=' + worst + ' shortText=' + encodeURIComponent(worstText));\n"
         "    for (var i = 0; i < cells.length; ++i) {\n"
         "      if (cells[i].textContent.indexOf('" + needle + "') < 0) continue;\n"
         "      var r = cells[i].getBoundingClientRect();\n"
         "      lines.push('cell=' + cells[i].tagName.toLowerCase() + ' wrap=' +\n"
         "                 getComputedStyle(cells[i]).overflowWrap + ' right=' + Math.ceil(r.right));\n"
         "    }\n"
         "  } catch (e) { lines.push('error=' + encodeURIComponent(String(e))); }\n"
         "  out.textContent = lines.join('\\n'); document.body.appendChild(out);\n"
         "});\n"
         "</script></body></html>\n";
}

// The key=value words of the <pre id="measure"> in a dumped DOM.
std::vector<std::map<std::string, std::string>> measurements(const std::string& dom) {
  std::vector<std::map<std::string, std::string>> out;
  auto start = dom.find("<pre id=\"measure\">");
  if (start == std::string::npos) return out;
  start += 18;
  auto end = dom.find("</pre>", start);
  for (const auto& line : split_lines(dom.substr(start, end - start))) {
    std::map<std::string, std::string> words;
    std::regex word("([a-zA-Z]+)=(\\S+)");
    for (auto it = std::sregex_iterator(line.begin(), line.end(), word); it != std::sregex_iterator();
         ++it)
      words[(*it)[1].str()] = (*it)[2].str();
    out.push_back(words);
  }
  return out;
}

}  // namespace

TEST_CASE("report html in a browser: the sample report loads and draws a page",
          "[cli][report][browser]") {
  fs::path chromium = find_chromium();
  if (chromium.empty()) {
    WARN("chromium (or chromium-browser) is not on PATH; the browser tests are skipped");
    return;
  }
  TempDir dir;
  fs::path html = sample_report(dir);
  check_html_safety(read_file(html));
  screenshot(chromium, dir, html, 1280);

  RunResult dom = run_chromium(chromium, dir, "--dump-dom", html);
  INFO("chromium stderr: " << chromium_errors(dom.err));
  REQUIRE(dom.exit_code == 0);
  CHECK(has_ci(dom.out, "<svg"));
  CHECK(!has_ci(dom.out, "<script"));
  CHECK(!has_ci(dom.out, "<img"));
  CHECK(has(dom.out, "tech-specialist"));
  CHECK(has(dom.out, "admin-assistant"));
}

TEST_CASE("report html in a browser: hostile values open no element and the page fits a phone",
          "[cli][report][browser]") {
  fs::path chromium = find_chromium();
  if (chromium.empty()) {
    WARN("chromium (or chromium-browser) is not on PATH; the browser tests are skipped");
    return;
  }
  TempDir dir;
  screen_hostile(dir);
  RunResult r = report(dir, "-o report.html");
  INFO("report stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  fs::path html = dir.path() / "report.html";

  // The DOM as the browser built it: no script, no image, the values as text.
  RunResult dom = run_chromium(chromium, dir, "--dump-dom", html);
  INFO("chromium stderr: " << chromium_errors(dom.err));
  REQUIRE(dom.exit_code == 0);
  CHECK(!has_ci(dom.out, "<script"));
  CHECK(!has_ci(dom.out, "<img"));
  CHECK(!has_ci(dom.out, "<b>"));
  CHECK(has(dom.out, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK(has(dom.out, kLongId));
  // The long id sits in a table cell (the last cell opened before it is not yet closed).
  auto at = dom.out.find(kLongId);
  REQUIRE(at != std::string::npos);
  std::string before = lower(dom.out.substr(0, at));
  auto last_of = [&](const char* a, const char* b) -> std::optional<std::size_t> {
    auto x = before.rfind(a), y = before.rfind(b);
    if (x == std::string::npos && y == std::string::npos) return std::nullopt;
    if (x == std::string::npos) return y;
    if (y == std::string::npos) return x;
    return std::max(x, y);
  };
  auto open_cell = last_of("<td", "<th");
  auto closed_cell = last_of("</td", "</th");
  REQUIRE(open_cell.has_value());
  CHECK((!closed_cell || *closed_cell < *open_cell));

  // Drawn at a desktop's width and at a phone's.
  screenshot(chromium, dir, html, 1280);
  screenshot(chromium, dir, html, 390);

  // Laid out in a frame 390 pixels wide (Chromium's headless window is never
  // narrower than 500) and in one 1280 wide: nothing is wider than the frame;
  // the cell with the long id wraps it inside the frame; and the long id does
  // not crush the other columns: a short cell (a rank, a score, a source such
  // as `in<i>&'"x.csv:2`, a header) takes one line at 1280, at most two at 390.
  struct Layout {
    int width;
    std::size_t short_cell;
    int max_lines;
  };
  for (const Layout& layout : {Layout{390, 16, 2}, Layout{1280, 24, 1}}) {
    INFO("frame " << layout.width << " pixels wide");
    fs::path page = dir.write("measure.html", measuring_page(html, layout.width, layout.short_cell,
                                                             std::string(200, 'W')));
    RunResult m = run_chromium(chromium, dir,
                               "--allow-file-access-from-files --window-size=" +
                                   std::to_string(layout.width + 100) + ",2000 --dump-dom",
                               page);
    INFO("chromium stderr: " << chromium_errors(m.err));
    REQUIRE(m.exit_code == 0);
    auto pre = m.out.find("<pre id=\"measure\">");
    INFO("measured: " << (pre == std::string::npos ? m.out : m.out.substr(pre)));
    auto lines = measurements(m.out);
    REQUIRE(lines.size() >= 2);
    REQUIRE(lines[0].count("scrollWidth"));
    int client = std::stoi(lines[0]["clientWidth"]);
    CHECK(client <= layout.width);
    CHECK(std::stoi(lines[0]["scrollWidth"]) <= client);
    INFO("the shortest cell that takes the most lines: " << lines[0]["shortText"]);
    CHECK(std::stoi(lines[0]["shortLines"]) <= layout.max_lines);
    bool in_cell = false;
    for (std::size_t i = 1; i < lines.size(); ++i) {
      if (!lines[i].count("cell")) continue;
      in_cell = true;
      INFO("cell " << lines[i]["cell"] << " wrap " << lines[i]["wrap"] << " right "
                   << lines[i]["right"]);
      CHECK(lines[i]["wrap"] == "anywhere");
      CHECK(std::stoi(lines[i]["right"]) <= client);
    }
    CHECK(in_cell);
  }
}
