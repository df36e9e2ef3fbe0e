// Reading rules files as YAML (SPEC 3.5): syntax errors, files that cannot be
// read, and the limits that keep a hostile file cheap to refuse.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "rules_test_support.hpp"
#include "shortlist/rules.hpp"
#include "test_support.hpp"

using namespace shortlist;

namespace {

const auto messages = test::rules_messages;
using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("a YAML syntax error is one diagnostic at the parser's position", "[rules]") {
  LoadedRules loaded = load_rules_text("shortlist: 1\na: b: c\n", "rules.yaml");
  CHECK_FALSE(loaded.ok());
  // The second colon of "a: b: c" is at column 5.
  CHECK(messages("shortlist: 1\na: b: c\n") ==
        Lines{"rules.yaml:2:5: error: invalid YAML: illegal map value"});
}

TEST_CASE("an empty file, a non-map and several documents are refused", "[rules]") {
  CHECK(messages("") == Lines{"rules.yaml:1:1: error: rules file is empty"});
  CHECK(messages("# nothing\n") == Lines{"rules.yaml:1:1: error: rules file is empty"});
  CHECK(messages("- a\n- b\n") ==
        Lines{"rules.yaml:1:1: error: expected a map of rules at the top level"});
  CHECK(messages("shortlist: 1\n---\nshortlist: 1\n") ==
        Lines{"rules.yaml:3:1: error: rules file holds more than one YAML document"});
}

TEST_CASE("invalid UTF-8 is reported where it starts", "[rules]") {
  CHECK(messages("shortlist: 1\ncall: { id: \"\xC3\x28\" }\n") ==
        Lines{"rules.yaml:2:14: error: rules file is not valid UTF-8"});
}

TEST_CASE("billion laughs is refused quickly", "[rules]") {
  // Nine levels of ten aliases each would expand to 10^9 items.
  std::string yaml = "shortlist: 1\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int level = 1; level <= 9; ++level) {
    const std::string previous = "*l" + std::to_string(level - 1);
    yaml += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) yaml += (i ? ", " : "") + previous;
    yaml += "]\n";
  }
  const auto start = std::chrono::steady_clock::now();
  LoadedRules loaded = load_rules_text(yaml, "rules.yaml");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK_FALSE(loaded.ok());
  REQUIRE(loaded.diagnostics.size() == 1);
  CHECK(loaded.diagnostics[0].message == "document expands past 100000 nodes (aliases?)");
  CHECK(elapsed < std::chrono::seconds(2));
}

TEST_CASE("an alias of a long scalar repeated is refused by its text size", "[rules]") {
  // 50 references to 200,000 bytes: 10 MB of text, over the 8 MiB budget.
  std::string yaml = "shortlist: 1\na: &a " + std::string(200000, 'x') + "\nb: [";
  for (int i = 0; i < 50; ++i) yaml += i ? ", *a" : "*a";
  yaml += "]\n";
  const Lines got = messages(yaml);
  REQUIRE(got.size() == 1);
  CHECK(got[0].find("error: document expands past 8 MiB of text (aliases?)") != std::string::npos);
}

TEST_CASE("nesting deeper than 64 levels is refused", "[rules]") {
  // The top-level map is level 1 and the n-th '[' (column 3 + n) is level n + 1,
  // so level 65 is the 64th '[', at column 67.
  const std::string yaml = "x: " + std::string(70, '[') + std::string(70, ']') + "\n";
  CHECK(messages(yaml) == Lines{"rules.yaml:1:67: error: document nests deeper than 64 levels"});
}

TEST_CASE("nesting too deep for yaml-cpp's own limit is stopped at level 65", "[rules]") {
  // yaml-cpp gives up at 2000 levels; the limit applies while parsing, long before.
  const std::string yaml = "x: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  CHECK(messages(yaml) == Lines{"rules.yaml:1:67: error: document nests deeper than 64 levels"});
}

TEST_CASE("deep block nesting is refused too", "[rules]") {
  // "- - - ... x": the n-th "- " opens level n at column 2n - 1; level 65 at 129.
  std::string yaml;
  for (int i = 0; i < 3000; ++i) yaml += "- ";
  yaml += "x\n";
  CHECK(messages(yaml) == Lines{"rules.yaml:1:129: error: document nests deeper than 64 levels"});
}

TEST_CASE("an alias inside its own anchor is refused", "[rules]") {
  // "&a [*a]": the alias at column 5 refers to the list it is in.
  CHECK(messages("&a [*a]\n") ==
        Lines{"rules.yaml:1:5: error: an alias refers to a node that contains it"});
}

TEST_CASE("aliases copy the anchored node", "[rules]") {
  LoadedRules loaded = load_rules_text(R"(shortlist: 1
call: { id: C1 }
fields:
  id: { column: applicant_id }
  years: &number { column: y, type: number }
  months: *number
profiles:
  - id: a
    require: [&senior { id: senior, field: years, at_least: 5 }]
  - id: b
    require: [*senior]
)", "rules.yaml");
  REQUIRE(loaded.ok());
  const Rules& r = *loaded.rules;
  CHECK(r.fields[2].name == "months");
  CHECK(r.fields[2].type == FieldType::kNumber);
  CHECK(r.fields[2].columns == std::vector<std::string>{"y"});
  REQUIRE(r.profiles.size() == 2);
  CHECK(r.profiles[1].require[0].id == "senior");
  CHECK(r.profiles[1].require[0].condition.operands ==
        std::vector<Scalar>{Scalar(Decimal::from_int(5))});
}

TEST_CASE("an anchored key can be reused", "[rules]") {
  LoadedRules loaded = load_rules_text(R"(shortlist: 1
call: { &key id: C1 }
fields: { *key : { column: applicant_id } }
profiles: [{ id: p }]
)", "rules.yaml");
  REQUIRE(loaded.ok());
  CHECK(loaded.rules->fields[0].name == "id");
  CHECK(loaded.rules->fields[0].columns == std::vector<std::string>{"applicant_id"});
}

TEST_CASE("a stray comma is a syntax error, not an endless loop", "[rules]") {
  // yaml-cpp 0.7 reports it as an empty document forever (its issue #1040).
  CHECK(messages(",\nshortlist: 1\n") ==
        Lines{"rules.yaml:1:1: error: invalid YAML: unexpected ','"});
  CHECK(messages("{shortlist: 1}\n  ,\n") ==
        Lines{"rules.yaml:2:3: error: invalid YAML: unexpected ','"});
}

TEST_CASE("a rules file over 1 MiB is refused without parsing", "[rules]") {
  // A syntax error at the start shows that the text was never parsed.
  const std::string yaml = "a: b: c\n" + std::string(1 << 20, '#');
  CHECK(messages(yaml) == Lines{"rules.yaml: error: rules file is larger than 1 MiB"});
  test::TempDir dir;
  const auto path = dir.write("big.yaml", yaml).string();
  LoadedRules loaded = load_rules_file(path);
  CHECK_FALSE(loaded.ok());
  REQUIRE(loaded.diagnostics.size() == 1);
  CHECK(loaded.diagnostics[0].formatted() == path + ": error: rules file is larger than 1 MiB");
}

TEST_CASE("a rules file that cannot be read is one diagnostic", "[rules]") {
  test::TempDir dir;
  const std::string missing = (dir.path() / "missing.yaml").string();
  LoadedRules loaded = load_rules_file(missing);
  CHECK_FALSE(loaded.ok());
  REQUIRE(loaded.diagnostics.size() == 1);
  CHECK(loaded.diagnostics[0].formatted() ==
        missing + ": error: cannot read rules file: No such file or directory");
  const std::string folder = dir.path().string();
  LoadedRules from_folder = load_rules_file(folder);
  REQUIRE(from_folder.diagnostics.size() == 1);
  CHECK(from_folder.diagnostics[0].formatted() ==
        folder + ": error: cannot read rules file: Is a directory");
}

TEST_CASE("odd documents give diagnostics, never exceptions", "[rules]") {
  const std::vector<std::string> documents = {
      "shortlist: 1\ncall: x\nfields: [a]\nprofiles: {a: 1}\n",
      "shortlist: 1\ncall:\nfields:\nprofiles:\n",
      "shortlist: [1]\ncall: { id: [a] }\nfields: { id: x }\nprofiles: [x, [y], ~]\n",
      "? [a]\n: b\n",
      "&a [*a]\n",
      "shortlist: 1\ncall: { id: c }\nfields: { id: { column: i } }\n"
      "profiles: [{ id: p, when: { all: [{ not: { any: [{ field: id }] } }] } }]\n",
      "\t- x\n",
      "\"unterminated\n",
  };
  for (const std::string& yaml : documents) {
    CAPTURE(yaml);
    LoadedRules loaded;
    REQUIRE_NOTHROW(loaded = load_rules_text(yaml, "rules.yaml"));
    CHECK_FALSE(loaded.ok());
    CHECK_FALSE(loaded.diagnostics.empty());
  }
}
