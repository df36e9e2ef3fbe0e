// End to end: `shortlist validate` warns, with exit 0, about rules likely to
// harm applicants (SPEC v1.1, docs/behaviour.md): knock-outs that fail on what
// they could not see, and, with --input, profiles whose `when` screens nobody.
#include <catch2/catch.hpp>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

using shortlist::test::RunResult;
using shortlist::test::TempDir;

// One profile per track; the profile field is a plain string, compared exactly.
const std::string kRules = R"(shortlist: 1
call: { id: VALIDATE }
fields:
  id:      { column: id }
  profile: { column: profile }
  years:   { column: years, type: number }
profiles:
  - id: tech
    when: { field: profile, equals: tech-specialist }
    require:
      - { id: experienced, field: years, at_least: 1 }
  - id: admin
    when: { field: profile, equals: admin-assistant }
)";

RunResult validate(const TempDir& dir, const std::string& csv, const std::string& rules = kRules) {
  dir.write("rules.yaml", rules);
  dir.write("a.csv", csv);
  return shortlist::test::run_shortlist("validate rules.yaml --input a.csv", dir.path());
}

}  // namespace

TEST_CASE("validate --input: a when that matches no record is a warning naming what is there",
          "[cli][validate]") {
  // Nobody wrote "tech-specialist" exactly: three wrote it another way, one
  // left it blank. The admin profile screens the fifth record.
  TempDir dir;
  RunResult r = validate(dir,
                         "id,profile,years\n"
                         "A1,Tech-Specialist,3\n"
                         "A2,tech specialist,2\n"
                         "A3,Tech-Specialist,4\n"
                         "A4,,1\n"
                         "A5,admin-assistant,0\n");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "rules.yaml: ok: 2 profiles, 3 fields\n");
  // The when's `equals` key is at line 9, column 29: the line is shown
  // with a caret under it (the rules' line; no applicant's line is shown).
  CHECK(r.err ==
        "rules.yaml:9:29: warning: the 'when' of profile 'tech' matches no record of a.csv; "
        "records no profile screens hold 'Tech-Specialist' (2), '' (1), 'tech specialist' (1)\n"
        "    9 |     when: { field: profile, equals: tech-specialist }\n"
        "      | " + std::string(28, ' ') + "^\n"
        "a.csv: warning: 4 of 5 records match no profile ('Tech-Specialist' (2), '' (1), "
        "'tech specialist' (1))\n");
}

TEST_CASE("validate --input: no warning when every profile screens someone and all are screened",
          "[cli][validate]") {
  TempDir dir;
  RunResult r = validate(dir, "id,profile,years\nA1,tech-specialist,3\nA2,admin-assistant,1\n");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
}

TEST_CASE("validate: on_missing: fail on a knock-out is a warning, not an error",
          "[cli][validate]") {
  TempDir dir;
  dir.write("rules.yaml", R"(shortlist: 1
call: { id: VALIDATE }
fields:
  id:    { column: id }
  years: { column: years, type: number }
profiles:
  - id: p
    require:
      - { id: experienced, field: years, at_least: 1, on_missing: fail }
)");
  RunResult r = shortlist::test::run_shortlist("validate rules.yaml", dir.path());
  CHECK(r.exit_code == 0);
  CHECK(r.out == "rules.yaml: ok: 1 profile, 2 fields\n");
  // "      - { id: experienced, field: years, at_least: 1, on_missing: fail }":
  // the value `fail` is at column 67.
  CHECK(r.err ==
        "rules.yaml:9:67: warning: rule 'experienced': 'on_missing: fail' rejects applicants "
        "whose value is missing, unseen by a person ('review', the default, sends them to "
        "one)\n"
        "    9 |       - { id: experienced, field: years, at_least: 1, on_missing: fail }\n"
        "      | " + std::string(66, ' ') + "^\n");
}

TEST_CASE("validate --input -: standard input is read once, for columns and profiles alike",
          "[cli][validate]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  RunResult r = shortlist::test::run_shortlist(
      "validate rules.yaml --input - --input-format csv", dir.path(),
      "id,profile,years\nA1,tech-specialist,3\nA2,Admin,1\n");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "rules.yaml: ok: 2 profiles, 3 fields\n");
  // "Admin" is not "admin-assistant" exactly: that profile screens nobody.
  CHECK(r.err ==
        "rules.yaml:13:29: warning: the 'when' of profile 'admin' matches no record of -; "
        "records no profile screens hold 'Admin' (1)\n"
        "   13 |     when: { field: profile, equals: admin-assistant }\n"
        "      | " + std::string(28, ' ') + "^\n"
        "-: warning: 1 of 2 records match no profile ('Admin' (1))\n");
}

TEST_CASE("validate --input: the values shown are cut short", "[cli][validate]") {
  // A profile cell of 10,000 bytes is shown by its first 60 bytes and "…".
  TempDir dir;
  const std::string long_value(10000, 'x');
  RunResult r = validate(dir, "id,profile,years\nA1,tech-specialist,3\nA2," + long_value + ",1\n"
                              "A3,admin-assistant,2\n");
  CHECK(r.exit_code == 0);
  CHECK(r.err == "a.csv: warning: 1 of 3 records match no profile ('" + std::string(60, 'x') +
                     "\u2026' (1))\n");
}

// ---- --format json and github (SPEC 2 v1.1) ----------------------------------------

namespace {

// kRules with the operator misspelt on line 11 ("      - { id: experienced,
// field: years, atleast: 1 }"): the key `atleast` starts at column 42.
std::string misspelt_rules() {
  std::string rules = kRules;
  rules.replace(rules.find("at_least"), 8, "atleast");
  return rules;
}

}  // namespace

TEST_CASE("validate --format github: each diagnostic as an annotation on its file, line, column",
          "[cli][validate][ci]") {
  TempDir dir;
  dir.write("rules.yaml", misspelt_rules());
  RunResult text = shortlist::test::run_shortlist("validate rules.yaml", dir.path());
  RunResult github = shortlist::test::run_shortlist("validate rules.yaml --format github", dir.path());
  INFO("text: " << text.err << "github: " << github.out << github.err);
  CHECK(text.exit_code == 3);
  CHECK(github.exit_code == 3);
  CHECK(text.err == "rules.yaml:11:42: error: unknown operator 'atleast' (did you mean 'at_least'?)\n"
                    "   11 |       - { id: experienced, field: years, atleast: 1 }\n"
                    "      | " + std::string(41, ' ') + "^\n");
  CHECK(github.out ==
        "::error file=rules.yaml,line=11,col=42::unknown operator 'atleast' (did you mean 'at_least'?)\n");
  CHECK(github.err.empty());
}

TEST_CASE("validate --format github: warnings, with %, commas and colons escaped in properties",
          "[cli][validate][ci]") {
  // A column the rules do not use, named "a%b", in a file named "in,1.csv":
  // the runner reads "%" as an escape everywhere and "," as the end of a
  // property, so they become %25 and %2C; the verdict line stays plain.
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("in,1.csv", "id,profile,years,a%b\nA1,tech-specialist,2,x\nA2,admin-assistant,0,y\n");
  RunResult r = shortlist::test::run_shortlist("validate rules.yaml --input in,1.csv --format github",
                                               dir.path());
  INFO("stdout: " << r.out << "stderr: " << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "::warning file=in%2C1.csv,line=1,col=1::column 'a%25b' is not used by any field\n"
        "rules.yaml: ok: 2 profiles, 3 fields\n");
}

TEST_CASE("validate --format json: one object, valid or not, with every diagnostic",
          "[cli][validate][ci]") {
  TempDir dir;
  dir.write("bad.yaml", misspelt_rules());
  RunResult bad = shortlist::test::run_shortlist("validate bad.yaml --format json", dir.path());
  INFO("stdout: " << bad.out << "stderr: " << bad.err);
  CHECK(bad.exit_code == 3);
  CHECK(bad.err.empty());
  auto o = shortlist::test::parse_object(bad.out);
  CHECK(o.str("rules") == "bad.yaml");
  CHECK(o.at("valid").text == "false");
  CHECK(o.at("exit").text == "3");
  auto diagnostics = shortlist::test::as_array(o.at("diagnostics"));
  REQUIRE(diagnostics.size() == 1);
  auto d = shortlist::test::as_object(diagnostics[0]);
  CHECK(d.str("severity") == "error");
  CHECK(d.str("file") == "bad.yaml");
  CHECK(d.at("line").text == "11");
  CHECK(d.at("column").text == "42");
  CHECK(d.str("message") == "unknown operator 'atleast' (did you mean 'at_least'?)");

  dir.write("good.yaml", kRules);
  RunResult good = shortlist::test::run_shortlist("validate good.yaml --format json", dir.path());
  CHECK(good.exit_code == 0);
  auto g = shortlist::test::parse_object(good.out);
  CHECK(g.at("valid").text == "true");
  CHECK(g.at("exit").text == "0");
  CHECK(g.at("profiles").text == "2");
  CHECK(g.at("fields").text == "3");
  CHECK(shortlist::test::as_array(g.at("diagnostics")).empty());

  // A missing column: exit 1, the error in the object.
  dir.write("a.csv", "id,years\nA1,2\n");
  RunResult lacking =
      shortlist::test::run_shortlist("validate good.yaml --input a.csv --format json", dir.path());
  CHECK(lacking.exit_code == 1);
  auto l = shortlist::test::parse_object(lacking.out);
  CHECK(l.at("valid").text == "false");
  auto ld = shortlist::test::as_array(l.at("diagnostics"));
  REQUIRE(ld.size() == 1);
  CHECK(shortlist::test::as_object(ld[0]).str("message") ==
        "no column for field 'profile' (expected 'profile')");
}
