// End to end: `shortlist fairness` (SPEC 7), the adverse-impact table. Each test
// writes its own rules, applicants and groups file into a temporary folder,
// screens them with the real `shortlist screen --decisions d.jsonl`, and runs
// `shortlist fairness d.jsonl --groups g.csv --by ...` on the record.
//
// The rules are the same in almost every test (one profile, dev):
//
//   require years >= 1     (0 years is positive evidence: ineligible, no score)
//   score   1 point a year (so an eligible applicant's score is their years)
//   shortlist top N        (N = 1000 unless said otherwise: every eligible
//                           applicant is then shortlisted; no min_score)
//
// Every expected table below is worked out by hand, in the comments, from the
// counts the test writes; the definitions are those of the design of
// `fairness` (docs/fairness.md):
//
//   applicants      decisions of the profile whose status is shortlisted, reserve,
//                   below-cutoff, ineligible or review (not duplicate)
//   selection_rate  shortlisted / applicants
//   impact_ratio    selection_rate / the highest rate among the groups that are
//                   neither small nor (missing) (else the highest not (missing))
//   adverse         impact_ratio < 4/5, exactly
//   scoring_rate    share of the group's scored decisions scoring strictly above
//                   the median score of the profile's scored decisions
//   small           applicants < 5, or 50 * applicants < the profile's applicants
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::test::as_array;
using shortlist::test::as_object;
using shortlist::test::Json;
using shortlist::test::JsonObject;
using shortlist::test::parse_json;
using shortlist::test::read_file;
using shortlist::test::RunResult;
using shortlist::test::run_shortlist;
using shortlist::test::split_lines;
using shortlist::test::TempDir;
using shortlist::test::tiny_csv;
using Strings = std::vector<std::string>;

const std::string kHeader =
    "profile,by,group,applicants,shortlisted,selection_rate,impact_ratio,adverse,scoring_rate,"
    "small\n";

// The rules: one profile `dev`, `top` places, and `extra` top-level lines
// (such as "duplicates: first\n").
std::string rules(int top = 1000, const std::string& extra = "") {
  return "shortlist: 1\n"
         "call:\n"
         "  id: FAIRNESS\n"
         "fields:\n"
         "  id:    { column: id }\n"
         "  years: { column: years, type: number }\n" +
         extra +
         "profiles:\n"
         "  - id: dev\n"
         "    title: Developer\n"
         "    require:\n"
         "      - { id: experienced, field: years, at_least: 1 }\n"
         "    score:\n"
         "      - { id: years, field: years, each: 1 }\n"
         "    shortlist: { top: " +
         std::to_string(top) + " }\n";
}

// One applicant: id, years of experience, and the cells of the groups file.
struct Person {
  std::string id;
  int years;
  Strings groups;
};

// The applicants file `id,years`, in the order given.
std::string applicants_csv(const std::vector<Person>& people) {
  std::string out = "id,years\n";
  for (const auto& p : people) out += p.id + "," + std::to_string(p.years) + "\n";
  return out;
}

// A CSV cell as written into the groups file (quoted when it holds a comma or quote).
std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

// The groups file: header `id,<columns>`, one row per person, in the order given.
std::string groups_csv(const Strings& columns, const std::vector<Person>& people) {
  std::string out = "id";
  for (const auto& c : columns) out += "," + c;
  out += "\n";
  for (const auto& p : people) {
    out += p.id;
    for (const auto& g : p.groups) out += "," + csv_cell(g);
    out += "\n";
  }
  return out;
}

// `count` people with ids PREFIX001..., the first `eligible` of them with
// `years` years and the others with 0 (ineligible), all in `groups`.
std::vector<Person> people(const std::string& prefix, int count, int eligible,
                           const Strings& groups, int years = 1) {
  std::vector<Person> out;
  for (int i = 1; i <= count; ++i) {
    std::string n = std::to_string(i);
    out.push_back({prefix + std::string(3 - n.size(), '0') + n, i <= eligible ? years : 0, groups});
  }
  return out;
}

void append(std::vector<Person>& to, const std::vector<Person>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

// Writes rules.yaml and a.csv into `dir` and screens them into d.jsonl.
void screen(const TempDir& dir, const std::string& rules_text, const std::string& applicants) {
  dir.write("rules.yaml", rules_text);
  dir.write("a.csv", applicants);
  RunResult r = run_shortlist("screen -q -r rules.yaml a.csv --decisions d.jsonl", dir.path());
  INFO("screen stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
}

// Screens `everyone` with `rules_text`, writes their groups (columns `columns`)
// to g.csv, and runs `fairness d.jsonl --groups g.csv ARGS`.
RunResult screen_and_fairness(const TempDir& dir, const std::string& rules_text,
                              const std::vector<Person>& everyone, const Strings& columns,
                              const std::string& args) {
  screen(dir, rules_text, applicants_csv(everyone));
  dir.write("g.csv", groups_csv(columns, everyone));
  return run_shortlist("fairness d.jsonl --groups g.csv " + args, dir.path());
}

// The counts of one status in the decision record's summary line, for `dev`.
std::string summary_count(const TempDir& dir, const std::string& status) {
  auto record = shortlist::test::parse_json_lines(read_file(dir.path() / "d.jsonl"));
  JsonObject summary = shortlist::test::line_of_kind(record, "summary");
  JsonObject dev = as_object(as_object(summary.at("profiles")).at("dev"));
  return dev.at(status).text;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The small case used by the format tests (top 1000, so every eligible
// applicant is shortlisted; 15 applicants in the profile):
//
//   sex  years (score)        applicants  shortlisted  rate         scored  above median
//   F    3, 2, 0, 1, 0         5           3            3/5 = 0.6    3, 2, 1  3        -> 1/3
//   M    4, 0, 0, 0, 2         5           2            2/5 = 0.4    4, 2     4        -> 1/2
//   X|Y  0, 0, 0, 0, 0         5           0            0            none     absent
//
//   scored decisions: 1, 2, 2, 3, 4 (five, odd): median 2; "above" is strictly above.
//   reference: the best group, none small (5 >= 5, 50 * 5 >= 15): F, 3/5.
//   F 1.0000; M (2/5)/(3/5) = 2/3 = 0.6667 < 0.8: adverse; X|Y 0/(3/5) = 0: adverse.
//   The `|` in X|Y is there for Markdown's escape.
std::vector<Person> small_case() {
  return {{"F1", 3, {"F"}},   {"F2", 2, {"F"}},   {"F3", 0, {"F"}},   {"F4", 1, {"F"}},
          {"F5", 0, {"F"}},   {"M1", 4, {"M"}},   {"M2", 0, {"M"}},   {"M3", 0, {"M"}},
          {"M4", 0, {"M"}},   {"M5", 2, {"M"}},   {"X1", 0, {"X|Y"}}, {"X2", 0, {"X|Y"}},
          {"X3", 0, {"X|Y"}}, {"X4", 0, {"X|Y"}}, {"X5", 0, {"X|Y"}}};
}

const std::string kSmallCaseCsv = kHeader +
                                  "dev,sex,F,5,3,0.6000,1.0000,false,0.3333,false\n"
                                  "dev,sex,M,5,2,0.4000,0.6667,true,0.5000,false\n"
                                  "dev,sex,X|Y,5,0,0.0000,0.0000,true,,false\n";

// A regular expression matching `text` literally.
std::string regex_escape(const std::string& text) {
  static const std::string kSpecial = "\\^$.|?*+()[]{}/";
  std::string out;
  for (char c : text) {
    if (kSpecial.find(c) != std::string::npos) out += '\\';
    out += c;
  }
  return out;
}

// A pattern for one JSON object with exactly these members, in this order,
// each value written exactly as given (`0.7500`, `null`, `"dev"`), with any
// white space between tokens.
std::string json_object_pattern(const std::vector<std::pair<std::string, std::string>>& members) {
  std::string p = "\\{\\s*";
  bool first = true;
  for (const auto& [key, value] : members) {
    if (!first) p += "\\s*,\\s*";
    first = false;
    p += regex_escape("\"" + key + "\"") + "\\s*:\\s*" + regex_escape(value);
  }
  return p + "\\s*\\}";
}

// A cell of a Markdown delimiter row: dashes, optionally with colons.
bool is_delimiter_cell(const std::string& cell) {
  return std::regex_match(cell, std::regex(":?-{3,}:?"));
}

}  // namespace

TEST_CASE("fairness reproduces the Uniform Guidelines' four-fifths example: only 45/60 is adverse",
          "[cli][fairness]") {
  // The four-fifths rule's classic illustration: selection rates
  // of 60 %, 45 %, 48 % and 51 %. Here 100 applicants in each of groups A, B,
  // C, D; of them 60, 45, 48, 51 have 1 year (eligible, score 1) and the others
  // 0 (ineligible). top 1000 > 204 eligible: all eligible are shortlisted.
  //
  //   group  applicants  shortlisted  rate   ratio to A (60/100)
  //   A      100         60           0.60   60/60 = 1.0000
  //   B      100         45           0.45   45/60 = 0.7500  < 0.8: adverse
  //   C      100         48           0.48   48/60 = 0.8000  exactly 4/5: not adverse
  //   D      100         51           0.51   51/60 = 0.8500
  //
  // None is small: 100 >= 5 and 50 * 100 >= 400. Every scored decision scores
  // 1, so the median is 1 and nobody scores strictly above it: 0.0000.
  TempDir dir;
  std::vector<std::vector<Person>> groups = {people("A", 100, 60, {"A"}), people("B", 100, 45, {"B"}),
                                             people("C", 100, 48, {"C"}), people("D", 100, 51, {"D"})};
  // Applicants interleaved (A001, B001, C001, D001, A002, ...); the groups file
  // in the reverse order: the join is by id, not by position.
  std::vector<Person> applicants, reversed;
  for (std::size_t i = 0; i < 100; ++i)
    for (const auto& g : groups) applicants.push_back(g[i]);
  reversed.assign(applicants.rbegin(), applicants.rend());
  screen(dir, rules(), applicants_csv(applicants));
  CHECK(summary_count(dir, "shortlisted") == "204");  // 60 + 45 + 48 + 51
  CHECK(summary_count(dir, "ineligible") == "196");   // 400 - 204
  dir.write("g.csv", groups_csv({"group"}, reversed));

  RunResult r = run_shortlist("fairness d.jsonl --groups g.csv --by group", dir.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == kHeader +
                     "dev,group,A,100,60,0.6000,1.0000,false,0.0000,false\n"
                     "dev,group,B,100,45,0.4500,0.7500,true,0.0000,false\n"
                     "dev,group,C,100,48,0.4800,0.8000,false,0.0000,false\n"
                     "dev,group,D,100,51,0.5100,0.8500,false,0.0000,false\n");
}

TEST_CASE("fairness -f json writes an array of objects with typed values in column order",
          "[cli][fairness]") {
  // small_case(): expected values worked out above it.
  TempDir dir;
  RunResult r = screen_and_fairness(dir, rules(), small_case(), {"sex"}, "--by sex -f json");
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);

  const Strings keys = {"profile",      "by",       "group",        "applicants", "shortlisted",
                        "selection_rate", "impact_ratio", "adverse", "scoring_rate", "small"};
  struct Row {
    std::string group;
    int applicants, shortlisted;
    const char *rate, *ratio;
    bool adverse;
    const char* scoring;  // nullptr: absent
  };
  const std::vector<Row> expected = {{"F", 5, 3, "0.6000", "1.0000", false, "0.3333"},
                                     {"M", 5, 2, "0.4000", "0.6667", true, "0.5000"},
                                     {"X|Y", 5, 0, "0.0000", "0.0000", true, nullptr}};

  std::vector<Json> items = as_array(parse_json(r.out));
  REQUIRE(items.size() == expected.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Row& want = expected[i];
    INFO("row " << i << ": " << items[i].text);
    JsonObject o = as_object(items[i]);
    CHECK(o.keys() == keys);
    CHECK(o.str("profile") == "dev");
    CHECK(o.str("by") == "sex");
    CHECK(o.str("group") == want.group);
    CHECK(o.at("applicants").is_integer());
    CHECK(o.at("applicants").text == std::to_string(want.applicants));
    CHECK(o.at("shortlisted").is_integer());
    CHECK(o.at("shortlisted").text == std::to_string(want.shortlisted));
    auto number_is = [&](const std::string& key, const char* value) {
      Json v = o.at(key);
      INFO(key << " = " << v.text);
      if (value == nullptr) {
        CHECK(v.is_null());
        return;
      }
      CHECK(v.type == simdjson::dom::element_type::DOUBLE);
      CHECK(std::fabs(std::stod(v.text) - std::stod(value)) < 1e-9);
    };
    number_is("selection_rate", want.rate);
    number_is("impact_ratio", want.ratio);
    number_is("scoring_rate", want.scoring);
    CHECK(o.at("adverse").type == simdjson::dom::element_type::BOOL);
    CHECK(o.at("adverse").text == (want.adverse ? "true" : "false"));
    CHECK(o.at("small").type == simdjson::dom::element_type::BOOL);
    CHECK(o.at("small").text == "false");

    // The text itself: rates with exactly 4 fraction digits, null when absent.
    std::string pattern = json_object_pattern(
        {{"profile", "\"dev\""},
         {"by", "\"sex\""},
         {"group", "\"" + want.group + "\""},
         {"applicants", std::to_string(want.applicants)},
         {"shortlisted", std::to_string(want.shortlisted)},
         {"selection_rate", want.rate},
         {"impact_ratio", want.ratio},
         {"adverse", want.adverse ? "true" : "false"},
         {"scoring_rate", want.scoring ? want.scoring : "null"},
         {"small", "false"}});
    INFO("pattern: " << pattern);
    CHECK(std::regex_search(r.out, std::regex(pattern)));
  }
}

TEST_CASE("fairness -f md writes a heading and a table per profile, yes/no and escaped cells",
          "[cli][fairness]") {
  // small_case(): expected values worked out above it. In Markdown, adverse is
  // **yes**/no, small yes/no, an absent value `–`, and `|` in a value `\|`.
  TempDir dir;
  RunResult r = screen_and_fairness(dir, rules(), small_case(), {"sex"}, "--by sex -f md");
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);

  Strings lines = split_lines(r.out);
  std::size_t heading = 0;
  while (heading < lines.size() && lines[heading] != "## Profile `dev`") ++heading;
  REQUIRE(heading < lines.size());
  std::vector<Strings> table;
  for (std::size_t i = heading + 1; i < lines.size(); ++i) {
    if (lines[i].empty() && table.empty()) continue;  // a blank line before the table
    if (lines[i].empty() || lines[i][0] != '|') break;
    table.push_back(shortlist::test::markdown_cells(lines[i]));
  }
  REQUIRE(table.size() == 5);  // header, delimiter row, 3 groups
  CHECK(table[0] == Strings{"by", "group", "applicants", "shortlisted", "selection rate",
                            "impact ratio", "adverse", "scoring rate", "small"});
  REQUIRE(table[1].size() == 9);
  for (const auto& cell : table[1]) CHECK(is_delimiter_cell(cell));
  CHECK(table[2] ==
        Strings{"sex", "F", "5", "3", "0.6000", "1.0000", "no", "0.3333", "no"});
  CHECK(table[3] ==
        Strings{"sex", "M", "5", "2", "0.4000", "0.6667", "**yes**", "0.5000", "no"});
  CHECK(table[4] ==
        Strings{"sex", "X\\|Y", "5", "0", "0.0000", "0.0000", "**yes**", "\xE2\x80\x93", "no"});
}

TEST_CASE("fairness with --by twice gives each column alone, then their intersection joined by ×",
          "[cli][fairness]") {
  // 20 applicants, 5 in each cell; the eligible ones (1 year, score 1) are all
  // shortlisted:
  //
  //              over40   under40   sex total
  //   F          4 of 5   2 of 5    6 of 10 = 0.6
  //   M          1 of 5   3 of 5    4 of 10 = 0.4
  //   age total  5 of 10  5 of 10
  //
  //   by sex:     reference F 0.6; M 0.4/0.6 = 0.6667: adverse
  //   by age:     both 0.5: ratios 1.0000
  //   by sex×age: reference F×over40 0.8; F×under40 0.4/0.8 = 0.5000,
  //               M×over40 0.2/0.8 = 0.2500, M×under40 0.6/0.8 = 0.7500: all three adverse
  //
  // None small (5 >= 5, 50 * 5 >= 20). All scores 1: median 1, scoring rate 0.
  TempDir dir;
  std::vector<Person> everyone;
  append(everyone, people("FO", 5, 4, {"F", "over40"}));
  append(everyone, people("FU", 5, 2, {"F", "under40"}));
  append(everyone, people("MO", 5, 1, {"M", "over40"}));
  append(everyone, people("MU", 5, 3, {"M", "under40"}));
  RunResult r = screen_and_fairness(dir, rules(), everyone, {"sex", "age"}, "--by sex --by age");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == kHeader +
                     "dev,sex,F,10,6,0.6000,1.0000,false,0.0000,false\n"
                     "dev,sex,M,10,4,0.4000,0.6667,true,0.0000,false\n"
                     "dev,age,over40,10,5,0.5000,1.0000,false,0.0000,false\n"
                     "dev,age,under40,10,5,0.5000,1.0000,false,0.0000,false\n"
                     "dev,sex×age,F×over40,5,4,0.8000,1.0000,false,0.0000,false\n"
                     "dev,sex×age,F×under40,5,2,0.4000,0.5000,true,0.0000,false\n"
                     "dev,sex×age,M×over40,5,1,0.2000,0.2500,true,0.0000,false\n"
                     "dev,sex×age,M×under40,5,3,0.6000,0.7500,true,0.0000,false\n");

  // The other order: the singles in the order given, the parts too.
  RunResult swapped = run_shortlist("fairness d.jsonl --groups g.csv --by age --by sex", dir.path());
  REQUIRE(swapped.exit_code == 0);
  auto rows = tiny_csv(swapped.out);
  REQUIRE(rows.size() == 9);
  CHECK(rows[1][1] == "age");
  CHECK(rows[3][1] == "sex");
  CHECK(rows[5][1] == "age×sex");
  CHECK(rows[5][2] == "over40×F");
  CHECK(rows[8][2] == "under40×M");
}

TEST_CASE("fairness puts ids absent from the groups file or with an empty cell in (missing), last, "
          "and never takes it or a small group as the reference",
          "[cli][fairness]") {
  //   group      applicants                          shortlisted  rate
  //   A          10                                   5            0.5
  //   B          10                                   4            0.4
  //   S           2                                   2            1.0   small (2 < 5)
  //   (missing)   6 (5 not in g.csv, 1 empty cell)    6            1.0   not small (6 >= 5, 300 >= 28)
  //
  // Total 28. S and (missing) have the highest rate, but the reference is the
  // best group that is neither small nor (missing): A, 0.5. So
  // A 1.0000; B 0.4/0.5 = 0.8000 (not adverse); S 1.0/0.5 = 2.0000; (missing) 2.0000.
  // "(missing)" sorts last although "(" is before the letters in bytes.
  // Scores all 1: scoring rate 0.
  TempDir dir;
  std::vector<Person> listed, unlisted = people("N", 5, 5, {});
  append(listed, people("A", 10, 5, {"A"}));
  append(listed, people("B", 10, 4, {"B"}));
  append(listed, people("S", 2, 2, {"S"}));
  listed.push_back({"E001", 1, {""}});  // in g.csv with an empty cell
  std::vector<Person> everyone = listed;
  append(everyone, unlisted);
  screen(dir, rules(), applicants_csv(everyone));
  dir.write("g.csv", groups_csv({"origin"}, listed));

  RunResult r = run_shortlist("fairness d.jsonl --groups g.csv --by origin", dir.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == kHeader +
                     "dev,origin,A,10,5,0.5000,1.0000,false,0.0000,false\n"
                     "dev,origin,B,10,4,0.4000,0.8000,false,0.0000,false\n"
                     "dev,origin,S,2,2,1.0000,2.0000,false,0.0000,true\n"
                     "dev,origin,(missing),6,6,1.0000,2.0000,false,0.0000,false\n");
}

TEST_CASE("fairness: in an intersection a missing part is (missing), such groups come last and "
          "are never the reference",
          "[cli][fairness]") {
  //   ids  sex  age      eligible (score 1)
  //   FO   F    over40   4 of 5
  //   MO   M    over40   2 of 5
  //   FX   F    (empty)  5 of 5
  //   NN   not in g.csv  0 of 5
  //
  // Total 20; no group is small (all 5 or 10; 50 * 5 >= 20).
  //   by sex:  F 9 of 10 = 0.9 (reference); M 2 of 5 = 0.4, 0.4/0.9 = 4/9 = 0.4444: adverse;
  //            (missing) 0 of 5: ratio 0, adverse; no scored decision: scoring rate absent.
  //   by age:  over40 6 of 10 = 0.6 (reference); (missing) (FX + NN) 5 of 10 = 0.5,
  //            0.5/0.6 = 5/6 = 0.8333.
  //   by sex×age: F×over40 0.8 (reference: F×(missing)'s 1.0 has a missing part);
  //            M×over40 0.4/0.8 = 0.5000: adverse; (missing)×(missing) 0: adverse;
  //            F×(missing) 1.0/0.8 = 1.2500. Groups with a (missing) part last, sorted
  //            bytewise among themselves: "(missing)×(missing)" before "F×(missing)".
  // 11 scored decisions, all 1: median 1, scoring rate 0 where any is scored.
  TempDir dir;
  std::vector<Person> listed, unlisted = people("NN", 5, 0, {});
  append(listed, people("FO", 5, 4, {"F", "over40"}));
  append(listed, people("MO", 5, 2, {"M", "over40"}));
  append(listed, people("FX", 5, 5, {"F", ""}));
  std::vector<Person> everyone = listed;
  append(everyone, unlisted);
  screen(dir, rules(), applicants_csv(everyone));
  dir.write("g.csv", groups_csv({"sex", "age"}, listed));

  RunResult r = run_shortlist("fairness d.jsonl --groups g.csv --by sex --by age", dir.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == kHeader +
                     "dev,sex,F,10,9,0.9000,1.0000,false,0.0000,false\n"
                     "dev,sex,M,5,2,0.4000,0.4444,true,0.0000,false\n"
                     "dev,sex,(missing),5,0,0.0000,0.0000,true,,false\n"
                     "dev,age,over40,10,6,0.6000,1.0000,false,0.0000,false\n"
                     "dev,age,(missing),10,5,0.5000,0.8333,false,0.0000,false\n"
                     "dev,sex×age,F×over40,5,4,0.8000,1.0000,false,0.0000,false\n"
                     "dev,sex×age,M×over40,5,2,0.4000,0.5000,true,0.0000,false\n"
                     "dev,sex×age,(missing)×(missing),5,0,0.0000,0.0000,true,,false\n"
                     "dev,sex×age,F×(missing),5,5,1.0000,1.2500,false,0.0000,false\n");
}

TEST_CASE("fairness scoring_rate: share strictly above the profile's median, odd count",
          "[cli][fairness]") {
  // top 5, so the scored decisions are not all shortlisted (the reserve counts too).
  //
  //   P: years 1, 2, 30, 0, 0     Q: years 3, 4, 5, 7, 0
  //   ranking by score: 30 (P), 7, 5, 4, 3 (Q) shortlisted; 2, 1 (P) reserve.
  //   P 1 of 5 = 0.2; Q 4 of 5 = 0.8 (reference); P 0.2/0.8 = 0.2500: adverse.
  //
  //   scored: 1, 2, 3, 4, 5, 7, 30 (seven): median 4 (the mean, 52/7, would differ).
  //   P: 30 above of 1, 2, 30 -> 1/3 = 0.3333 (the ineligible ones do not count)
  //   Q: 5, 7 above of 3, 4, 5, 7 -> 2/4 = 0.5000 (4 itself is not above)
  TempDir dir;
  std::vector<Person> everyone = {{"P1", 1, {"P"}}, {"P2", 2, {"P"}}, {"P3", 30, {"P"}},
                                  {"P4", 0, {"P"}}, {"P5", 0, {"P"}}, {"Q1", 3, {"Q"}},
                                  {"Q2", 4, {"Q"}}, {"Q3", 5, {"Q"}}, {"Q4", 7, {"Q"}},
                                  {"Q5", 0, {"Q"}}};
  RunResult r = screen_and_fairness(dir, rules(5), everyone, {"grp"}, "--by grp");
  CHECK(summary_count(dir, "reserve") == "2");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == kHeader +
                     "dev,grp,P,5,1,0.2000,0.2500,true,0.3333,false\n"
                     "dev,grp,Q,5,4,0.8000,1.0000,false,0.5000,false\n");
}

TEST_CASE("fairness scoring_rate: with an even count the median is the mean of the two middle scores",
          "[cli][fairness]") {
  // top 5.
  //
  //   P: years 1, 2, 3, 20, 0     Q: years 4, 5, 6, 7, 0
  //   ranking: 20 (P), 7, 6, 5, 4 (Q) shortlisted; 3, 2, 1 (P) reserve.
  //   P 1 of 5 = 0.2; Q 4 of 5 = 0.8; P 0.2500: adverse.
  //
  //   scored: 1, 2, 3, 4, 5, 6, 7, 20 (eight): median (4 + 5) / 2 = 4.5.
  //   P: 20 above of 4 -> 0.2500; Q: 5, 6, 7 above of 4 -> 0.7500.
  //   (The upper middle, 5, would give Q 2/4; the mean, 6, would give Q 1/4.)
  TempDir dir;
  std::vector<Person> everyone = {{"P1", 1, {"P"}}, {"P2", 2, {"P"}}, {"P3", 3, {"P"}},
                                  {"P4", 20, {"P"}}, {"P5", 0, {"P"}}, {"Q1", 4, {"Q"}},
                                  {"Q2", 5, {"Q"}}, {"Q3", 6, {"Q"}}, {"Q4", 7, {"Q"}},
                                  {"Q5", 0, {"Q"}}};
  RunResult r = screen_and_fairness(dir, rules(5), everyone, {"grp"}, "--by grp");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == kHeader +
                     "dev,grp,P,5,1,0.2000,0.2500,true,0.2500,false\n"
                     "dev,grp,Q,5,4,0.8000,1.0000,false,0.7500,false\n");
}

TEST_CASE("fairness marks small groups: under 5 applicants, or under 2 % of the profile",
          "[cli][fairness]") {
  //   group  applicants  shortlisted  rate  small
  //   BIG    285         171          0.6   no
  //   FIVE     5           5          1.0   yes: 50 * 5 = 250 < 300 (under 2 %)
  //   FOUR     4           4          1.0   yes: 4 < 5
  //   SIX      6           3          0.5   no:  50 * 6 = 300, exactly 2 %, not under
  //
  // Total 300. The reference is BIG's 0.6, not the small groups' 1.0:
  // FIVE and FOUR 1.0/0.6 = 1.6667; SIX 0.5/0.6 = 0.8333. Scores all 1: 0.
  TempDir dir;
  std::vector<Person> everyone;
  append(everyone, people("B", 285, 171, {"BIG"}));
  append(everyone, people("F", 5, 5, {"FIVE"}));
  append(everyone, people("R", 4, 4, {"FOUR"}));
  append(everyone, people("S", 6, 3, {"SIX"}));
  RunResult r = screen_and_fairness(dir, rules(), everyone, {"size"}, "--by size");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == kHeader +
                     "dev,size,BIG,285,171,0.6000,1.0000,false,0.0000,false\n"
                     "dev,size,FIVE,5,5,1.0000,1.6667,false,0.0000,true\n"
                     "dev,size,FOUR,4,4,1.0000,1.6667,false,0.0000,true\n"
                     "dev,size,SIX,6,3,0.5000,0.8333,false,0.0000,false\n");
}

TEST_CASE("fairness: when every group is small the reference is the best group not (missing)",
          "[cli][fairness]") {
  //   X: 2 of 3 = 2/3; Y: 1 of 4 = 0.25; (missing): 1 of 1 = 1.0. Total 8, all small.
  //   reference: X's 2/3 ((missing) never is one). Y: 0.25 / (2/3) = 0.375 -> 0.3750,
  //   adverse; (missing): 1 / (2/3) = 1.5000. Scores all 1: 0.
  TempDir dir;
  std::vector<Person> listed, unlisted = people("N", 1, 1, {});
  append(listed, people("X", 3, 2, {"X"}));
  append(listed, people("Y", 4, 1, {"Y"}));
  std::vector<Person> everyone = listed;
  append(everyone, unlisted);
  screen(dir, rules(), applicants_csv(everyone));
  dir.write("g.csv", groups_csv({"grp"}, listed));
  RunResult r = run_shortlist("fairness d.jsonl --groups g.csv --by grp", dir.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == kHeader +
                     "dev,grp,X,3,2,0.6667,1.0000,false,0.0000,true\n"
                     "dev,grp,Y,4,1,0.2500,0.3750,true,0.0000,true\n"
                     "dev,grp,(missing),1,1,1.0000,1.5000,false,0.0000,true\n");
}

TEST_CASE("fairness leaves the impact ratio empty, and not adverse, without a reference rate",
          "[cli][fairness]") {
  SECTION("every group's rate is 0") {
    // X and Y: 5 applicants each, all ineligible: rates 0, reference 0, no ratio;
    // no scored decision: no scoring rate.
    TempDir dir;
    std::vector<Person> everyone;
    append(everyone, people("X", 5, 0, {"X"}));
    append(everyone, people("Y", 5, 0, {"Y"}));
    RunResult r = screen_and_fairness(dir, rules(), everyone, {"grp"}, "--by grp");
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == kHeader +
                       "dev,grp,X,5,0,0.0000,,false,,false\n"
                       "dev,grp,Y,5,0,0.0000,,false,,false\n");
  }
  SECTION("every applicant is in (missing)") {
    // 5 applicants, 3 eligible; g.csv holds one of them with an empty cell: all
    // five are (missing), which is never a reference. Scores 1, 1, 1: median 1.
    TempDir dir;
    std::vector<Person> everyone = people("N", 5, 3, {""});
    screen(dir, rules(), applicants_csv(everyone));
    dir.write("g.csv", "id,grp\nN001,\n");
    RunResult r = run_shortlist("fairness d.jsonl --groups g.csv --by grp", dir.path());
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == kHeader + "dev,grp,(missing),5,3,0.6000,,false,0.0000,false\n");
  }
}

TEST_CASE("fairness does not count a duplicate decision as an applicant", "[cli][fairness]") {
  // duplicates: first. a.csv:
  //   line 2  A1  2 years   screened: shortlisted, score 2
  //   line 3  A2  0         ineligible
  //   line 4  A1  5         duplicate (the first A1 is kept): not counted
  //   line 5  B1  1         shortlisted, score 1
  //   line 6  B2  0         ineligible
  // F = {A1, A2}: 2 applicants, 1 shortlisted = 0.5 (3 and 0.3333 if the duplicate counted);
  // M = {B1, B2}: 2, 1 = 0.5. Both small (2 < 5): the reference falls back to the
  // best of them, 0.5: ratios 1.0000.
  // Scored: 2 (A1), 1 (B1): median 1.5; F 1/1 = 1.0000, M 0/1 = 0.0000.
  TempDir dir;
  screen(dir, rules(1000, "duplicates: first\n"), "id,years\nA1,2\nA2,0\nA1,5\nB1,1\nB2,0\n");
  // The setup is what the comment says: the second A1 is a duplicate.
  bool found = false;
  for (const auto& d : shortlist::test::decision_lines(
           shortlist::test::parse_json_lines(read_file(dir.path() / "d.jsonl")))) {
    if (d.str("source") == "a.csv:4") {
      found = true;
      CHECK(d.str("status") == "duplicate");
    }
  }
  CHECK(found);
  dir.write("g.csv", "id,sex\nA1,F\nA2,F\nB1,M\nB2,M\n");
  RunResult r = run_shortlist("fairness d.jsonl --groups g.csv --by sex", dir.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == kHeader +
                     "dev,sex,F,2,1,0.5000,1.0000,false,1.0000,true\n"
                     "dev,sex,M,2,1,0.5000,1.0000,false,0.0000,true\n");
}

TEST_CASE("fairness counts both records of a repeated id under duplicates: review",
          "[cli][fairness]") {
  // The default policy: both A1 records go to review, and review is counted.
  // F = {A1, A2, A1}: 3 applicants, 0 shortlisted; M = {B1, B2}: 2, 1.
  TempDir dir;
  screen(dir, rules(), "id,years\nA1,2\nA2,0\nA1,5\nB1,1\nB2,0\n");
  CHECK(summary_count(dir, "review") == "2");
  dir.write("g.csv", "id,sex\nA1,F\nA2,F\nB1,M\nB2,M\n");
  RunResult r = run_shortlist("fairness d.jsonl --groups g.csv --by sex", dir.path());
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  auto rows = tiny_csv(r.out);
  REQUIRE(rows.size() == 3);
  REQUIRE(rows[1].size() == 10);
  REQUIRE(rows[2].size() == 10);
  CHECK(Strings(rows[1].begin(), rows[1].begin() + 6) ==
        Strings{"dev", "sex", "F", "3", "0", "0.0000"});
  CHECK(Strings(rows[2].begin(), rows[2].begin() + 6) ==
        Strings{"dev", "sex", "M", "2", "1", "0.5000"});
}

TEST_CASE("fairness lists the profiles in the run line's order, each with its own median",
          "[cli][fairness]") {
  // Two profiles screening everyone, ops first in the rules:
  //   ops: years >= 3, top 1000;  dev: years >= 1, top 1000; 1 point a year in both.
  //   F: years 1, 2, 3, 4, 0     M: years 5, 0, 0, 0, 1
  //
  //   ops: F 3, 4 eligible: 2 of 5 = 0.4 (reference); M 5: 1 of 5 = 0.2, 0.5000 adverse.
  //        scored 3, 4, 5: median 4; F 0/2; M 1/1.
  //   dev: F 1, 2, 3, 4: 4 of 5 = 0.8 (reference); M 5, 1: 2 of 5 = 0.4, 0.5000 adverse.
  //        scored 1, 1, 2, 3, 4, 5: median (2 + 3) / 2 = 2.5; F 3, 4: 2/4; M 5: 1/2.
  TempDir dir;
  std::string two_profiles =
      "shortlist: 1\n"
      "call:\n"
      "  id: FAIRNESS\n"
      "fields:\n"
      "  id:    { column: id }\n"
      "  years: { column: years, type: number }\n"
      "profiles:\n"
      "  - id: ops\n"
      "    title: Operator\n"
      "    require:\n"
      "      - { id: senior, field: years, at_least: 3 }\n"
      "    score:\n"
      "      - { id: years, field: years, each: 1 }\n"
      "    shortlist: { top: 1000 }\n"
      "  - id: dev\n"
      "    title: Developer\n"
      "    require:\n"
      "      - { id: experienced, field: years, at_least: 1 }\n"
      "    score:\n"
      "      - { id: years, field: years, each: 1 }\n"
      "    shortlist: { top: 1000 }\n";
  std::vector<Person> everyone = {{"F1", 1, {"F"}}, {"F2", 2, {"F"}}, {"F3", 3, {"F"}},
                                  {"F4", 4, {"F"}}, {"F5", 0, {"F"}}, {"M1", 5, {"M"}},
                                  {"M2", 0, {"M"}}, {"M3", 0, {"M"}}, {"M4", 0, {"M"}},
                                  {"M5", 1, {"M"}}};
  RunResult r = screen_and_fairness(dir, two_profiles, everyone, {"sex"}, "--by sex");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == kHeader +
                     "ops,sex,F,5,2,0.4000,1.0000,false,0.0000,false\n"
                     "ops,sex,M,5,1,0.2000,0.5000,true,1.0000,false\n"
                     "dev,sex,F,5,4,0.8000,1.0000,false,0.5000,false\n"
                     "dev,sex,M,5,2,0.4000,0.5000,true,0.5000,false\n");
}

TEST_CASE("fairness -o out.csv writes the file and nothing to standard output", "[cli][fairness]") {
  TempDir dir;
  RunResult r = screen_and_fairness(dir, rules(), small_case(), {"sex"}, "--by sex -o out.csv");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  REQUIRE(fs::exists(dir.path() / "out.csv"));
  CHECK(read_file(dir.path() / "out.csv") == kSmallCaseCsv);  // worked out above small_case()
}

TEST_CASE("fairness takes the format from -o's extension, and -f over it", "[cli][fairness]") {
  TempDir dir;
  RunResult json = screen_and_fairness(dir, rules(), small_case(), {"sex"}, "--by sex -o out.json");
  REQUIRE(json.exit_code == 0);
  CHECK(json.out.empty());
  CHECK(as_array(parse_json(read_file(dir.path() / "out.json"))).size() == 3);

  RunResult md = run_shortlist("fairness d.jsonl --groups g.csv --by sex -o out.md", dir.path());
  REQUIRE(md.exit_code == 0);
  CHECK(has(read_file(dir.path() / "out.md"), "## Profile `dev`"));

  RunResult forced =
      run_shortlist("fairness d.jsonl --groups g.csv --by sex -f csv -o table.md", dir.path());
  REQUIRE(forced.exit_code == 0);
  CHECK(read_file(dir.path() / "table.md") == kSmallCaseCsv);
}

TEST_CASE("fairness reads a JSON Lines groups file like a CSV one", "[cli][fairness]") {
  TempDir dir;
  std::vector<Person> everyone = small_case();
  screen(dir, rules(), applicants_csv(everyone));
  std::string jsonl;
  for (const auto& p : everyone)
    jsonl += "{\"id\":\"" + p.id + "\",\"sex\":\"" + p.groups[0] + "\"}\n";
  dir.write("g.jsonl", jsonl);
  RunResult r = run_shortlist("fairness d.jsonl --groups g.jsonl --by sex", dir.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == kSmallCaseCsv);
}

TEST_CASE("fairness csv quotes and defuses group values like the shortlist file does",
          "[cli][fairness]") {
  // Two teams of 5, all eligible: rates 1, ratios 1, scores 1 (scoring rate 0).
  // Rows sort by the value as read: "=1+1" (0x3D) before "x,y" (0x78).
  TempDir dir;
  std::vector<Person> everyone;
  append(everyone, people("G", 5, 5, {"x,y"}));
  append(everyone, people("H", 5, 5, {"=1+1"}));
  RunResult r = screen_and_fairness(dir, rules(), everyone, {"team"}, "--by team");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == kHeader +
                     "dev,team,'=1+1,5,5,1.0000,1.0000,false,0.0000,false\n"
                     "dev,team,\"x,y\",5,5,1.0000,1.0000,false,0.0000,false\n");
}

TEST_CASE("fairness finds the id column through the recorded rules, beside the decision record, "
          "or from --id-column",
          "[cli][fairness]") {
  TempDir dir;
  std::vector<Person> everyone = small_case();
  screen(dir, rules(), applicants_csv(everyone));
  dir.write("g.csv", groups_csv({"sex"}, everyone));
  fs::create_directories(dir.path() / "elsewhere");

  // The run line says "rules.yaml": not in ./elsewhere, but beside ../d.jsonl.
  RunResult beside =
      run_shortlist("fairness ../d.jsonl --groups ../g.csv --by sex", dir.path() / "elsewhere");
  INFO("stderr: " << beside.err);
  REQUIRE(beside.exit_code == 0);
  CHECK(beside.out == kSmallCaseCsv);

  // A groups file whose id column is not the rules' one.
  std::string renamed = groups_csv({"sex"}, everyone);
  renamed.replace(0, 2, "applicant");
  dir.write("g2.csv", renamed);
  RunResult named =
      run_shortlist("fairness d.jsonl --groups g2.csv --by sex --id-column applicant", dir.path());
  INFO("stderr: " << named.err);
  REQUIRE(named.exit_code == 0);
  CHECK(named.out == kSmallCaseCsv);
}

TEST_CASE("fairness exits 4 naming both lines when an id appears twice in the groups file",
          "[cli][fairness]") {
  TempDir dir;
  screen(dir, rules(), "id,years\nA1,1\nA2,1\n");
  // Line 1 header, A1 on line 2, A2 on line 3, A1 again on line 4.
  dir.write("g.csv", "id,sex\nA1,F\nA2,M\nA1,M\n");
  RunResult r = run_shortlist("fairness d.jsonl --groups g.csv --by sex", dir.path());
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(r.out.empty());
  // "FILE:LINE: id 'X' also on line L", after the usual "error: " of a diagnostic.
  CHECK(has(r.err, "g.csv:4: "));
  CHECK(has(r.err, "id 'A1' also on line 2"));
}

TEST_CASE("fairness exits 4 naming a --by column the groups file lacks, and its header",
          "[cli][fairness]") {
  TempDir dir;
  screen(dir, rules(), "id,years\nA1,1\nA2,1\n");
  dir.write("g.csv", "id,sex\nA1,F\nA2,M\n");
  RunResult r = run_shortlist("fairness d.jsonl --groups g.csv --by sex --by region", dir.path());
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(r.out.empty());
  CHECK(has(r.err, "g.csv"));
  CHECK(has(r.err, "region"));
  CHECK(has(r.err, "sex"));  // the header is listed
}

TEST_CASE("fairness exits 4 when the groups file lacks the id column or has an empty id",
          "[cli][fairness]") {
  TempDir dir;
  screen(dir, rules(), "id,years\nA1,1\nA2,1\n");
  dir.write("noid.csv", "applicant,sex\nA1,F\nA2,M\n");
  RunResult noid = run_shortlist("fairness d.jsonl --groups noid.csv --by sex", dir.path());
  INFO("stderr: " << noid.err);
  CHECK(noid.exit_code == 4);
  CHECK(has(noid.err, "noid.csv"));
  CHECK(has(noid.err, "'id'"));

  // The empty id is on line 3.
  dir.write("empty.csv", "id,sex\nA1,F\n,M\nA2,M\n");
  RunResult empty = run_shortlist("fairness d.jsonl --groups empty.csv --by sex", dir.path());
  INFO("stderr: " << empty.err);
  CHECK(empty.exit_code == 4);
  CHECK(has(empty.err, "empty.csv:3"));
}

TEST_CASE("fairness exits 4 with the file and line of a decision record line that is not JSON",
          "[cli][fairness]") {
  TempDir dir;
  screen(dir, rules(), "id,years\nA1,1\nA2,1\n");
  dir.write("g.csv", "id,sex\nA1,F\nA2,M\n");
  Strings lines = split_lines(read_file(dir.path() / "d.jsonl"));
  REQUIRE(lines.size() >= 3);  // run line, two decisions, summary

  // Line 3 replaced by text that is not JSON.
  std::string broken;
  for (std::size_t i = 0; i < lines.size(); ++i) broken += (i == 2 ? "not json" : lines[i]) + "\n";
  dir.write("broken.jsonl", broken);
  RunResult r = run_shortlist("fairness broken.jsonl --groups g.csv --by sex", dir.path());
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 4);
  CHECK(r.out.empty());
  CHECK(has(r.err, "broken.jsonl:3"));

  // JSON, but not an object.
  std::string array;
  for (std::size_t i = 0; i < lines.size(); ++i) array += (i == 2 ? "[1,2]" : lines[i]) + "\n";
  dir.write("array.jsonl", array);
  RunResult a = run_shortlist("fairness array.jsonl --groups g.csv --by sex", dir.path());
  INFO("stderr: " << a.err);
  CHECK(a.exit_code == 4);
  CHECK(has(a.err, "array.jsonl:3"));

  RunResult absent = run_shortlist("fairness nope.jsonl --groups g.csv --by sex", dir.path());
  CHECK(absent.exit_code == 4);
  CHECK(has(absent.err, "nope.jsonl"));
}

TEST_CASE("fairness usage errors exit 2: no --by, unknown format, no id column to be found, "
          "output over an input",
          "[cli][fairness]") {
  TempDir dir;
  screen(dir, rules(), "id,years\nA1,1\nA2,1\n");
  dir.write("g.csv", "id,sex\nA1,F\nA2,M\n");

  RunResult no_by = run_shortlist("fairness d.jsonl --groups g.csv", dir.path());
  INFO("stderr: " << no_by.err);
  CHECK(no_by.exit_code == 2);
  CHECK(no_by.out.empty());

  CHECK(run_shortlist("fairness d.jsonl --groups g.csv --by sex -f xml", dir.path()).exit_code ==
        2);
  CHECK(run_shortlist("fairness d.jsonl --groups g.csv --by sex -o g.csv", dir.path()).exit_code ==
        2);
  CHECK(read_file(dir.path() / "g.csv") == "id,sex\nA1,F\nA2,M\n");  // left as it was

  // A copy of the record in a folder without the rules, run from there: the
  // recorded "rules.yaml" is neither in the working folder nor beside the record.
  fs::create_directories(dir.path() / "alone");
  dir.write("alone/d.jsonl", read_file(dir.path() / "d.jsonl"));
  dir.write("alone/g.csv", "id,sex\nA1,F\nA2,M\n");
  RunResult no_rules = run_shortlist("fairness d.jsonl --groups g.csv --by sex",
                                     dir.path() / "alone");
  INFO("stderr: " << no_rules.err);
  CHECK(no_rules.exit_code == 2);
  // ...and --id-column makes the rules unnecessary. A1 F, A2 M, both
  // shortlisted (score 1, median 1): each 1 of 1, small.
  RunResult with_column = run_shortlist("fairness d.jsonl --groups g.csv --by sex --id-column id",
                                        dir.path() / "alone");
  INFO("stderr: " << with_column.err);
  CHECK(with_column.exit_code == 0);
  CHECK(with_column.out == kHeader +
                               "dev,sex,F,1,1,1.0000,1.0000,false,0.0000,true\n"
                               "dev,sex,M,1,1,1.0000,1.0000,false,0.0000,true\n");
}

TEST_CASE("fairness exits 3 when the rules given with -r do not load", "[cli][fairness]") {
  TempDir dir;
  screen(dir, rules(), "id,years\nA1,1\nA2,1\n");
  dir.write("g.csv", "id,sex\nA1,F\nA2,M\n");
  dir.write("bad.yaml", "shortlist: 2\n");
  RunResult r = run_shortlist("fairness d.jsonl --groups g.csv --by sex -r bad.yaml", dir.path());
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 3);
  CHECK(has(r.err, "bad.yaml"));
}
