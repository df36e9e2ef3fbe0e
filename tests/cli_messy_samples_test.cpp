// End to end: `shortlist screen` on applications written as people fill forms in
// (samples/messy-applicants.csv) holds to the statuses and scores documented,
// applicant by applicant, in samples/README.md ("Applications as people fill
// them in"). The README is the contract a recruiter reads, so the test reads
// its tables rather than a copy of them; the working behind each row is in
// tests/data/messy_applicants_expected.md.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <set>
#include <regex>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::test::JsonObject;
using shortlist::test::read_file;
using shortlist::test::source_dir;
using shortlist::test::split_lines;
using shortlist::test::TempDir;

const std::string kRules = "rules/eu-ai-office-2024.yaml";
const std::string kCsv = "samples/messy-applicants.csv";
constexpr std::string_view kSection = "## Applications as people fill them in";

// (status, score) of one decision; score "" when the record shows null.
using Outcome = std::pair<std::string, std::string>;
// (id, profile) -> the outcomes of its decisions; profile "-" for no-profile.
using Outcomes = std::map<std::pair<std::string, std::string>, std::multiset<Outcome>>;

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(' ');
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

// The rows of every `| id | profile | status | score | why |` table of the section.
Outcomes documented() {
  const std::string readme = read_file(source_dir() / "samples/README.md");
  const auto start = readme.find(kSection);
  REQUIRE(start != std::string::npos);
  const auto end = readme.find("\n## ", start + kSection.size());
  Outcomes out;
  bool in_table = false;
  for (const std::string& line : split_lines(readme.substr(start, end - start))) {
    if (line.rfind("| id | profile | status | score | why |", 0) == 0) {
      in_table = true;
      continue;
    }
    if (!in_table || line.rfind("| ---", 0) == 0) continue;
    if (line.empty() || line[0] != '|') {
      in_table = false;
      continue;
    }
    std::vector<std::string> cells;
    std::size_t at = 1;
    for (int i = 0; i < 4; ++i) {
      const std::size_t bar = line.find('|', at);
      REQUIRE(bar != std::string::npos);
      cells.push_back(trim(line.substr(at, bar - at)));
      at = bar + 1;
    }
    INFO("README row: " << line);
    REQUIRE(std::regex_match(cells[0], std::regex("MSY-[0-9]{4}")));
    out[{cells[0], cells[1]}].insert({cells[2], cells[3]});
  }
  return out;
}

struct Run {
  TempDir dir;
  shortlist::test::RunResult result;
  std::vector<JsonObject> record;
};

const Run& messy_run() {
  static std::unique_ptr<Run> run = [] {
    auto r = std::make_unique<Run>();
    const fs::path decisions = r->dir.path() / "decisions.jsonl";
    r->result = shortlist::test::run_shortlist(
        "screen -r " + kRules + " " + kCsv + " --decisions " +
            shortlist::test::shell_quote(decisions.string()),
        source_dir());
    INFO("stderr: " << r->result.err);
    REQUIRE(fs::exists(decisions));
    r->record = shortlist::test::parse_json_lines(read_file(decisions));
    return r;
  }();
  return *run;
}

}  // namespace

TEST_CASE("messy samples: every application screens to its documented status and score",
          "[cli][samples]") {
  const Outcomes expected = documented();
  const Run& run = messy_run();
  CHECK(run.result.exit_code == 0);
  Outcomes actual;
  for (const JsonObject& d : shortlist::test::decision_lines(run.record)) {
    const auto* profile = d.find("profile");
    const std::string p = profile->is_null() ? "-" : profile->text;
    const auto* score = d.find("score");
    actual[{d.str("id"), p}].insert({d.str("status"), score->is_null() ? "" : score->text});
  }
  CHECK(actual.size() == expected.size());
  for (const auto& [key, outcomes] : expected) {
    INFO(key.first << " for " << key.second);
    auto it = actual.find(key);
    REQUIRE(it != actual.end());
    CHECK(it->second == outcomes);
  }
}

TEST_CASE("messy samples: at least 40 applications, every one accounted for",
          "[cli][samples]") {
  const auto rows = shortlist::test::tiny_csv(read_file(source_dir() / kCsv));
  const std::size_t records = rows.size() - 1;
  CHECK(records >= 40);
  const Run& run = messy_run();
  const JsonObject summary = shortlist::test::line_of_kind(run.record, "summary");
  CHECK(summary.at("records").text == std::to_string(records));
  CHECK(summary.at("invalid").text == "0");
  CHECK(shortlist::test::distinct_sources(run.record).size() == records);
}

TEST_CASE("messy samples: the sample rules validate with no warning about themselves",
          "[cli][samples]") {
  // The rules are written so that no knock-out fails on a value it could not
  // see: validate would warn of on_missing or on_unreadable: fail.
  const auto r = shortlist::test::run_shortlist("validate " + kRules, source_dir());
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
}
