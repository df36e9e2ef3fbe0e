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
  // The when's `equals` key is at line 9, column 29.
  CHECK(r.err ==
        "rules.yaml:9:29: warning: the 'when' of profile 'tech' matches no record of a.csv; "
        "records no profile screens hold 'Tech-Specialist' (2), '' (1), 'tech specialist' (1)\n"
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
        "one)\n");
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
