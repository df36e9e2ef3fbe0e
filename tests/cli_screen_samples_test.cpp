// End to end: `shortlist screen` on the sample applicants (samples/README.md)
// against the hand-worked expectations in tests/data/eu_ai_office_2024_expected.tsv.
// The binary runs from the project root, as the README's example does.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using shortlist::test::JsonObject;
using shortlist::test::read_file;
using shortlist::test::RunResult;
using shortlist::test::shell_quote;
using shortlist::test::source_dir;
using shortlist::test::split_lines;
using shortlist::test::TempDir;

const std::string kRules = "rules/eu-ai-office-2024.yaml";
const std::string kCsv = "samples/applicants.csv";
const std::string kJsonl = "samples/applicants.jsonl";
const std::vector<std::string> kProfiles = {"tech-specialist", "admin-assistant"};
const std::vector<std::string> kStatuses = {"shortlisted", "reserve", "below-cutoff",
                                            "ineligible",  "review",  "duplicate"};

// One row of the expectations TSV.
struct Expected {
  std::string line, id, profile, status, score, rank;
  std::string row() const {
    return line + "\t" + id + "\t" + profile + "\t" + status + "\t" + score + "\t" + rank;
  }
};

std::vector<Expected> expected_rows() {
  auto lines = split_lines(read_file(source_dir() / "tests/data/eu_ai_office_2024_expected.tsv"));
  REQUIRE(lines.size() > 1);
  REQUIRE(lines[0] == "line\tid\tprofile\tstatus\tscore\trank");
  std::vector<Expected> out;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (;;) {
      std::size_t tab = lines[i].find('\t', start);
      cells.push_back(
          lines[i].substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    INFO("expectations line " << i + 1 << ": " << lines[i]);
    REQUIRE(cells.size() == 6);
    out.push_back({cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]});
  }
  return out;
}

// A run of `screen` on one sample input, made once per test process.
struct SampleRun {
  TempDir dir;
  RunResult result;
  std::string decisions;
};

std::unique_ptr<SampleRun> screen(const std::string& input) {
  auto run = std::make_unique<SampleRun>();
  fs::path decisions = run->dir.path() / "decisions.jsonl";
  run->result = shortlist::test::run_shortlist(
      "screen -r " + kRules + " " + input + " --decisions " + shell_quote(decisions.string()),
      source_dir());
  INFO("stderr: " << run->result.err);
  REQUIRE(fs::exists(decisions));
  run->decisions = read_file(decisions);
  return run;
}

const SampleRun& csv_run() {
  static std::unique_ptr<SampleRun> run = screen(kCsv);
  return *run;
}

const SampleRun& jsonl_run() {
  static std::unique_ptr<SampleRun> run = screen(kJsonl);
  return *run;
}

// One CSV cell as RFC 4180 writes it, with the formula guard of SPEC 6.
std::string csv_cell(const std::string& text) {
  std::string cell = text;
  if (!cell.empty() && std::string("=+-@\t\r").find(cell[0]) != std::string::npos)
    cell = "'" + cell;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// applicant_id -> full_name, read from the sample CSV by the test's own parser.
std::map<std::string, std::string> sample_names() {
  auto rows = shortlist::test::tiny_csv(read_file(source_dir() / kCsv));
  REQUIRE(rows.size() == 69);  // the header and 68 records
  const auto& header = rows[0];
  auto column = [&](const std::string& name) {
    auto it = std::find(header.begin(), header.end(), name);
    REQUIRE(it != header.end());
    return static_cast<std::size_t>(it - header.begin());
  };
  std::size_t id = column("applicant_id"), name = column("full_name");
  std::map<std::string, std::string> names;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    REQUIRE(rows[i].size() == header.size());
    names.emplace(rows[i][id], rows[i][name]);
  }
  return names;
}

// Removes `"source":"…",` from a decision line.
std::string without_source(const std::string& line) {
  const std::string key = "\"source\":\"";
  std::size_t at = line.find(key);
  if (at == std::string::npos) return line;
  std::size_t end = line.find('"', at + key.size());
  REQUIRE(end != std::string::npos);
  std::size_t stop = end + 1;
  if (stop < line.size() && line[stop] == ',') ++stop;
  return line.substr(0, at) + line.substr(stop);
}

std::vector<std::string> decision_rows(const std::string& record, const std::string& input) {
  std::vector<std::string> rows;
  for (const JsonObject& d :
       shortlist::test::decision_lines(shortlist::test::parse_json_lines(record)))
    rows.push_back(shortlist::test::decision_row(d, input + ":"));
  return rows;
}

}  // namespace

TEST_CASE("screen on the samples: every decision is the hand-worked one, in order", "[cli][e2e]") {
  std::vector<std::string> expected;
  for (const Expected& e : expected_rows()) expected.push_back(e.row());
  REQUIRE(expected.size() == 70);
  auto actual = decision_rows(csv_run().decisions, kCsv);
  CHECK(actual.size() == expected.size());
  for (std::size_t i = 0; i < std::min(actual.size(), expected.size()); ++i) {
    INFO("decision " << i + 1);
    CHECK(actual[i] == expected[i]);
  }
}

TEST_CASE("screen on the samples: exit 0 and the shortlisted rows as CSV on stdout", "[cli][e2e]") {
  const SampleRun& run = csv_run();
  INFO("stderr: " << run.result.err);
  CHECK(run.result.exit_code == 0);
  auto names = sample_names();
  std::string expected = "profile,rank,id,score,status,name\n";
  auto rows = expected_rows();
  for (const std::string& profile : kProfiles) {
    std::vector<Expected> listed;
    for (const Expected& e : rows)
      if (e.profile == profile && e.status == "shortlisted") listed.push_back(e);
    std::sort(listed.begin(), listed.end(), [](const Expected& a, const Expected& b) {
      return std::stoi(a.rank) < std::stoi(b.rank);
    });
    for (const Expected& e : listed) {
      REQUIRE(names.count(e.id) == 1);
      expected += csv_cell(profile) + "," + e.rank + "," + csv_cell(e.id) + "," + e.score + "," +
                  e.status + "," + csv_cell(names[e.id]) + "\n";
    }
  }
  // 10 + 4 shortlisted (samples/README.md), the header first.
  CHECK(split_lines(expected).size() == 15);
  CHECK(run.result.out == expected);
}

TEST_CASE("screen on the samples: the run line names the rules and the input with their SHA-256",
          "[cli][e2e]") {
  auto record = shortlist::test::parse_json_lines(csv_run().decisions);
  REQUIRE_FALSE(record.empty());
  const JsonObject& run = record.front();
  CHECK(run.str("kind") == "run");
  CHECK(run.str("tool") == "shortlist");
  CHECK(run.str("version") == SHORTLIST_VERSION);
  JsonObject rules = shortlist::test::as_object(run.at("rules"));
  CHECK(rules.str("path") == kRules);
  CHECK(rules.str("sha256") == shortlist::test::sha256_hex(read_file(source_dir() / kRules)));
  auto inputs = shortlist::test::as_array(run.at("inputs"));
  REQUIRE(inputs.size() == 1);
  JsonObject input = shortlist::test::as_object(inputs[0]);
  CHECK(input.str("path") == kCsv);
  CHECK(input.str("sha256") == shortlist::test::sha256_hex(read_file(source_dir() / kCsv)));
  CHECK(input.at("records").text == "68");
  auto profiles = shortlist::test::as_array(run.at("profiles"));
  REQUIRE(profiles.size() == 2);
  CHECK(profiles[0].text == kProfiles[0]);
  CHECK(profiles[1].text == kProfiles[1]);
}

TEST_CASE("screen on the samples: the summary line counts 68 records and the expected statuses",
          "[cli][e2e]") {
  auto record = shortlist::test::parse_json_lines(csv_run().decisions);
  REQUIRE_FALSE(record.empty());
  const JsonObject& summary = record.back();
  CHECK(summary.str("kind") == "summary");
  CHECK(summary.at("records").text == "68");
  CHECK(summary.at("invalid").text == "0");
  auto rows = expected_rows();
  if (const auto* no_profile = summary.find("no-profile")) {
    auto n = std::count_if(rows.begin(), rows.end(),
                           [](const Expected& e) { return e.status == "no-profile"; });
    CHECK(no_profile->text == std::to_string(n));
  }
  JsonObject profiles = shortlist::test::as_object(summary.at("profiles"));
  CHECK(profiles.keys() == kProfiles);
  for (const std::string& profile : kProfiles) {
    JsonObject counts = shortlist::test::as_object(profiles.at(profile));
    for (const std::string& status : kStatuses) {
      auto n = std::count_if(rows.begin(), rows.end(), [&](const Expected& e) {
        return e.profile == profile && e.status == status;
      });
      INFO(profile << " " << status);
      CHECK(counts.at(status).text == std::to_string(n));
    }
  }
}

TEST_CASE("screen on the samples: the JSON Lines twin gives the same shortlist bytes",
          "[cli][e2e]") {
  INFO("stderr: " << jsonl_run().result.err);
  CHECK(jsonl_run().result.exit_code == 0);
  CHECK_FALSE(jsonl_run().result.out.empty());
  CHECK(jsonl_run().result.out == csv_run().result.out);
}

TEST_CASE("screen on the samples: the JSON Lines twin gives the same decision lines but for source",
          "[cli][e2e]") {
  auto csv_lines = split_lines(csv_run().decisions);
  auto jsonl_lines = split_lines(jsonl_run().decisions);
  REQUIRE(csv_lines.size() == jsonl_lines.size());
  REQUIRE(csv_lines.size() == 72);  // run line, 70 decisions, summary
  for (std::size_t i = 1; i < csv_lines.size(); ++i) {
    INFO("line " << i + 1);
    CHECK(without_source(jsonl_lines[i]) == without_source(csv_lines[i]));
  }
}

TEST_CASE("screen on the samples: a JSON Lines source is the record's own line", "[cli][e2e]") {
  // The JSON Lines file holds one record a line, so the record starting on CSV
  // line L is the record number N of the CSV, on JSONL line N.
  std::vector<std::string> expected;
  std::map<std::string, int> record_number;
  for (Expected e : expected_rows()) {
    if (record_number.count(e.line) == 0) {
      int n = static_cast<int>(record_number.size()) + 1;
      record_number[e.line] = n;
    }
    e.line = std::to_string(record_number[e.line]);
    expected.push_back(e.row());
  }
  CHECK(record_number.size() == 68);
  CHECK(decision_rows(jsonl_run().decisions, kJsonl) == expected);
}
