// End to end: `shortlist init`: the examples it knows (--list, --example), the
// second example (rules/hospital-nurses-2025.yaml) loaded cleanly and screened
// on its sample applicants with the decisions worked out by hand, and -o.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::test::read_file;
using shortlist::test::RunResult;
using shortlist::test::shell_quote;
using shortlist::test::source_dir;
using shortlist::test::split_lines;
using shortlist::test::TempDir;

const std::string kNurses = "rules/hospital-nurses-2025.yaml";
const std::string kNursesCsv = "samples/hospital-nurses-2025-applicants.csv";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

RunResult run_ok(const std::string& args, const fs::path& dir) {
  RunResult r = shortlist::test::run_shortlist(args, dir);
  INFO("shortlist " << args << "\nstderr: " << r.err);
  CHECK(r.exit_code == 0);
  return r;
}

}  // namespace

TEST_CASE("init --list: one line per example, name then what it is", "[cli][init]") {
  TempDir dir;
  RunResult r = run_ok("init --list", dir.path());
  auto lines = split_lines(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].rfind("eu-ai-office-2024  ", 0) == 0);
  CHECK(lines[1].rfind("hospital-nurses-2025  ", 0) == 0);
  CHECK(contains(lines[1], "nurses"));
}

TEST_CASE("init --example: each example byte for byte, the first by default", "[cli][init]") {
  TempDir dir;
  CHECK(run_ok("init --example hospital-nurses-2025", dir.path()).out ==
        read_file(source_dir() / kNurses));
  CHECK(run_ok("init --example eu-ai-office-2024", dir.path()).out ==
        read_file(source_dir() / "rules/eu-ai-office-2024.yaml"));
  CHECK(run_ok("init", dir.path()).out == read_file(source_dir() / "rules/eu-ai-office-2024.yaml"));
}

TEST_CASE("init --example: an unknown name exits 2 with the known ones and a suggestion",
          "[cli][init]") {
  TempDir dir;
  RunResult r = shortlist::test::run_shortlist("init --example hospital-nurse-2025", dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(contains(r.err,
                 "unknown example 'hospital-nurse-2025' (known: eu-ai-office-2024, "
                 "hospital-nurses-2025; did you mean 'hospital-nurses-2025'?)"));
  CHECK(contains(r.err, "Run 'shortlist init --help' for usage."));
}

TEST_CASE("validate: the second example loads with no error and no warning", "[cli][init]") {
  RunResult r = run_ok("validate " + kNurses, source_dir());
  CHECK(r.err.empty());
  // id, name, post, submitted, licence_valid_until, portuguese, years,
  // night_shifts, experience.
  CHECK(r.out == kNurses + ": ok: 2 profiles, 9 fields\n");
  // Every column is there; N13, a midwife, is the one record neither post screens.
  RunResult input = run_ok("validate " + kNurses + " --input " + kNursesCsv, source_dir());
  CHECK(input.err ==
        kNursesCsv + ": warning: 1 of 13 records match no profile ('Midwife' (1))\n");
}

TEST_CASE("screen: the second example's sample applicants, decided by hand", "[cli][init]") {
  // Deadline 30 April 2025 17:00 Lisbon (summer time, 16:00Z); licence valid
  // on 2025-06-01; Portuguese B2 or above. General ward: 1 point a year (max
  // 10), 2 per clinical area (max 6), 2 for nights; min_score 5, top 2. ICU:
  // two years and critical care in the summary, nights required; 1.5 a year
  // (max 15), 3 per critical-care phrase (max 9); min_score 8, top 1.
  //   N01 general: 6 + (emergency, paediatrics, palliative care) 6 + 2 = 14
  //   N02 general: 16:59 is on time; nativo = C2; 3 + (surgery) 2 + não 0 = 5
  //   N03 general: 17:01 is late: ineligible
  //   N04 general: licence ends 31/05/2025: ineligible
  //   N05 general: B1: ineligible
  //   N06 ICU: 7 x 1.5 = 10.5 + (intensive care, ECMO, ventilation) 9 = 19.5
  //   N07 both: licence N/A (missing): review in both; scores are still
  //       computed: general 5 + (emergency) 2 + 2 = 9, ICU 7.5 + (critical care) 3 = 10.5
  //   N08 ICU: 1 ano < 2 years: icu-experience fails: ineligible
  //   N09 ICU: 4 x 1.5 = 6 + (intensive care, ventilation) 6 = 12
  //   N10 general: "five" years is unreadable: review, no score
  //   N11 general: 15:00Z is on time; 31-12-2026 read; 2 + (paediatrics) 2 + não 0
  //       = 4 < 5: below-cutoff
  //   N12 general: 12 anos capped at 10 + (urgência, cirurgia, oncologia) 6 + 2 = 18
  //   N13: Midwife is neither post: no-profile
  // General ranks: N12 18, N01 14 (top 2, shortlisted), N02 5 (reserve).
  // ICU ranks: N06 19.5 (shortlisted), N09 12 (reserve).
  TempDir dir;
  const fs::path decisions = dir.path() / "decisions.jsonl";
  run_ok("screen -q -r " + kNurses + " " + kNursesCsv + " --decisions " +
             shell_quote(decisions.string()),
         source_dir());
  auto record = shortlist::test::parse_json_lines(read_file(decisions));
  std::vector<std::string> rows;
  std::map<std::string, shortlist::test::JsonObject> by_key;
  for (const auto& d : shortlist::test::decision_lines(record)) {
    rows.push_back(shortlist::test::decision_row(d, kNursesCsv + ":"));
    by_key.emplace(d.str("id") + "/" + d.at("profile").text, d);
  }
  std::sort(rows.begin(), rows.end());
  std::vector<std::string> expected = {
      "2\tN01\tgeneral-ward\tshortlisted\t14\t2",
      "3\tN02\tgeneral-ward\treserve\t5\t3",
      "4\tN03\tgeneral-ward\tineligible\t\t",
      "5\tN04\tgeneral-ward\tineligible\t\t",
      "6\tN05\tgeneral-ward\tineligible\t\t",
      "7\tN06\tintensive-care\tshortlisted\t19.5\t1",
      "8\tN07\tgeneral-ward\treview\t9\t",
      "8\tN07\tintensive-care\treview\t10.5\t",
      "9\tN08\tintensive-care\tineligible\t\t",
      "10\tN09\tintensive-care\treserve\t12\t2",
      "11\tN10\tgeneral-ward\treview\t\t",
      "12\tN11\tgeneral-ward\tbelow-cutoff\t4\t",
      "13\tN12\tgeneral-ward\tshortlisted\t18\t1",
      "14\tN13\tnull\tno-profile\t\t",
  };
  std::sort(expected.begin(), expected.end());
  CHECK(rows == expected);

  // Why: the rule each ineligible record failed, and each review's reason.
  auto failed = [&](const std::string& key) {
    std::vector<std::string> out;
    REQUIRE(by_key.count(key) == 1);
    for (const auto& c : shortlist::test::as_array(by_key.at(key).at("checks"))) {
      auto check = shortlist::test::as_object(c);
      if (check.str("outcome") == "fail") out.push_back(check.str("rule"));
    }
    return out;
  };
  CHECK(failed("N03/general-ward") == std::vector<std::string>{"on-time"});
  CHECK(failed("N04/general-ward") == std::vector<std::string>{"licence-valid"});
  CHECK(failed("N05/general-ward") == std::vector<std::string>{"portuguese"});
  CHECK(failed("N08/intensive-care") == std::vector<std::string>{"icu-experience"});
  CHECK(by_key.at("N07/general-ward").str("reason") == "undetermined: licence-valid");
  CHECK(by_key.at("N07/intensive-care").str("reason") == "undetermined: licence-valid");
  CHECK(by_key.at("N10/general-ward").str("reason") ==
        "score years: 'five' is unreadable (not a number: 'five')");
}

TEST_CASE("init -o: writes the example to the file, as standard output would show it",
          "[cli][init]") {
  TempDir dir;
  RunResult r = run_ok("init --example hospital-nurses-2025 -o rules.yaml", dir.path());
  CHECK(r.out.empty());
  CHECK(read_file(dir.path() / "rules.yaml") == read_file(source_dir() / kNurses));
  // --output is the same option; "-" is standard output.
  run_ok("init --output other.yaml", dir.path());
  CHECK(read_file(dir.path() / "other.yaml") ==
        read_file(source_dir() / "rules/eu-ai-office-2024.yaml"));
  CHECK(run_ok("init -o -", dir.path()).out ==
        read_file(source_dir() / "rules/eu-ai-office-2024.yaml"));
  // Only the file: no temporary left beside it.
  CHECK(shortlist::test::folder_entries(dir.path()).size() == 2);
}

TEST_CASE("init -o: an existing file is kept unless --force", "[cli][init]") {
  TempDir dir;
  dir.write("rules.yaml", "my edited rules\n");
  RunResult r = shortlist::test::run_shortlist("init -o rules.yaml", dir.path());
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "'rules.yaml' exists; use --force to replace it"));
  CHECK(read_file(dir.path() / "rules.yaml") == "my edited rules\n");
  run_ok("init -o rules.yaml --force", dir.path());
  CHECK(read_file(dir.path() / "rules.yaml") ==
        read_file(source_dir() / "rules/eu-ai-office-2024.yaml"));
}

TEST_CASE("init -o: a folder that cannot be written exits 5 and writes nothing",
          "[cli][init]") {
  TempDir dir;
  RunResult missing = shortlist::test::run_shortlist("init -o no/such/folder/rules.yaml", dir.path());
  CHECK(missing.exit_code == 5);
  CHECK(contains(missing.err, "shortlist: error: "));
  CHECK(!fs::exists(dir.path() / "no"));
  dir.write("plain.txt", "a file, not a folder\n");
  RunResult not_folder = shortlist::test::run_shortlist("init -o plain.txt/rules.yaml", dir.path());
  CHECK(not_folder.exit_code == 5);
  CHECK(read_file(dir.path() / "plain.txt") == "a file, not a folder\n");
  if (::geteuid() != 0) {  // root writes anywhere
    fs::create_directory(dir.path() / "locked");
    fs::permissions(dir.path() / "locked", fs::perms::owner_read | fs::perms::owner_exec);
    RunResult locked = shortlist::test::run_shortlist("init -o locked/rules.yaml", dir.path());
    CHECK(locked.exit_code == 5);
    CHECK(shortlist::test::folder_entries(dir.path() / "locked").empty());
    fs::permissions(dir.path() / "locked", fs::perms::owner_all);
  }
}
