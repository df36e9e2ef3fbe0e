// End to end: `screen --strict` names the records that failed it (SPEC 1
// v1.1, docs/behaviour.md): the count per status, then the first 10 of each
// status in input order with their sources, and how many more there are;
// even with -q, and the same whatever --threads.
#include <catch2/catch.hpp>

#include <map>
#include <tuple>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

using shortlist::test::JsonObject;
using shortlist::test::RunResult;
using shortlist::test::TempDir;
using Strings = std::vector<std::string>;

// One profile, `dev`, for track dev; years must be at least 2, and a missing
// years sends the record to review (on_missing defaults to review).
std::string rules(const std::string& duplicates) {
  return "shortlist: 1\n"
         "call: { id: STRICT }\n"
         "duplicates: " + duplicates + "\n"
         "fields:\n"
         "  id:    { column: id }\n"
         "  name:  { column: name }\n"
         "  track: { column: track }\n"
         "  years: { column: years, type: number }\n"
         "profiles:\n"
         "  - id: dev\n"
         "    when: { field: track, equals: dev }\n"
         "    require:\n"
         "      - { id: experienced, field: years, at_least: 2 }\n";
}

// The lines of standard error after the --strict error line, that one included.
Strings strict_lines(const std::string& err) {
  Strings lines = shortlist::test::split_lines(err);
  auto at = std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
    return l.rfind("shortlist: error: --strict: ", 0) == 0;
  });
  return Strings(at, lines.end());
}

// The reason the decision record gives the decision at `source`.
std::string decided_reason(const TempDir& dir, const std::string& source) {
  for (const JsonObject& d : shortlist::test::parse_json_lines(shortlist::test::read_file(dir.path() / "d.jsonl")))
    if (d.find("source") != nullptr && d.str("source") == source) return d.str("reason");
  FAIL("no decision for " << source);
  return {};
}

}  // namespace

TEST_CASE("strict: names each failed record with its source and reason, even with -q",
          "[cli][strict]") {
  TempDir dir;
  dir.write("rules.yaml", rules("review"));
  // Line 2 is eligible, 3 review (years missing), 4 no profile (sales), 5 has
  // 3 fields of 4, 6 has no id, 7 is ineligible, 8 opens a quote in its
  // second field (byte 4) that nothing closes.
  dir.write("a.csv",
            "id,name,track,years\n"
            "S1,Ann,dev,3\n"
            "S2,Bob,dev,\n"
            "S3,Cy,sales,4\n"
            "S4,Di,dev\n"
            ",Ed,dev,5\n"
            "S6,Fay,dev,1\n"
            "S7,\"Gus,dev,2\n");
  for (const std::string quiet : {"", " -q"}) {
    INFO("options:" << quiet);
    RunResult r = shortlist::test::run_shortlist(
        "screen --strict -r rules.yaml a.csv -o s.csv --decisions d.jsonl" + quiet, dir.path());
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 1);
    const std::string review_reason = decided_reason(dir, "a.csv:3");
    CHECK_FALSE(review_reason.empty());
    CHECK(strict_lines(r.err) ==
          Strings{"shortlist: error: --strict: 5 failed: 2 invalid, 2 review, 1 no-profile",
                  "  invalid     a.csv:5  (3 fields, expected 4)",
                  "  invalid     a.csv:8  (unterminated quoted field in field 2 (\"name\") at byte column 4)",
                  "  review      a.csv:3  (" + review_reason + ")",
                  "  review      a.csv:6  (missing-id)",
                  "  no-profile  a.csv:4"});
  }
}

TEST_CASE("strict: with nothing failed says nothing and exits 0", "[cli][strict]") {
  TempDir dir;
  dir.write("rules.yaml", rules("review"));
  dir.write("a.csv", "id,name,track,years\nS1,Ann,dev,3\nS2,Bob,dev,1\n");
  RunResult r = shortlist::test::run_shortlist("screen --strict -q -r rules.yaml a.csv", dir.path());
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
}

TEST_CASE("strict: names the reviews that duplicate ids leave, under each policy",
          "[cli][strict]") {
  // D1 (lines 2 and 4) and E1 (5 and 6) repeat; 2, 3, 5 and 6 have no years
  // (review when decided); 4 is eligible.
  const std::string csv =
      "id,name,track,years\n"
      "D1,Ann,dev,\n"
      "D2,Bob,dev,\n"
      "D1,Ann,dev,3\n"
      "E1,Cy,dev,\n"
      "E1,Cy,dev,\n";
  struct Case {
    std::string policy;
    Strings review;  // the sources in review, in input order
  };
  // review: every record of a repeated id goes to review, and D2 stays.
  // first: the later records of an id are dropped (4, 6): 2, 3 and 5 stay.
  // last: the earlier ones are dropped (2, 5): 3 and 6 stay.
  for (const Case& c : {Case{"review", {"a.csv:2", "a.csv:3", "a.csv:4", "a.csv:5", "a.csv:6"}},
                        Case{"first", {"a.csv:2", "a.csv:3", "a.csv:5"}},
                        Case{"last", {"a.csv:3", "a.csv:6"}}}) {
    INFO("duplicates: " << c.policy);
    TempDir dir;
    dir.write("rules.yaml", rules(c.policy));
    dir.write("a.csv", csv);
    for (const std::string threads : {"1", "2"}) {
      INFO("threads " << threads);
      RunResult r = shortlist::test::run_shortlist(
          "screen --strict -q -r rules.yaml a.csv -o s.csv --decisions d.jsonl --threads " + threads,
          dir.path());
      INFO("stderr: " << r.err);
      CHECK(r.exit_code == 1);
      Strings expected{"shortlist: error: --strict: " + std::to_string(c.review.size()) + " failed: " +
                       std::to_string(c.review.size()) + " review"};
      // A record a `review` verdict sent to review says duplicate-id, the
      // others the reason they were decided with, as the decision record does.
      for (const std::string& source : c.review)
        expected.push_back("  review      " + source + "  (" + decided_reason(dir, source) + ")");
      CHECK(strict_lines(r.err) == expected);
      if (c.policy == "review") CHECK(expected[1] == "  review      a.csv:2  (duplicate-id)");
    }
  }
}

TEST_CASE("strict: with two profiles names the profile of each review", "[cli][strict]") {
  TempDir dir;
  dir.write("rules.yaml",
            "shortlist: 1\n"
            "call: { id: STRICT2 }\n"
            "fields:\n"
            "  id:    { column: id }\n"
            "  years: { column: years, type: number }\n"
            "profiles:\n"
            "  - id: junior\n"
            "    require: [{ id: some, field: years, at_least: 0 }]\n"
            "  - id: senior\n"
            "    require: [{ id: many, field: years, at_least: 5 }]\n");
  // P2 has no years: review for both profiles, one line for each.
  dir.write("a.csv", "id,years\nP1,6\nP2,\n");
  RunResult r = shortlist::test::run_shortlist("screen --strict -q -r rules.yaml a.csv --decisions d.jsonl",
                                               dir.path());
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 1);
  Strings lines = strict_lines(r.err);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "shortlist: error: --strict: 2 failed: 2 review");
  CHECK(lines[1].rfind("  review      a.csv:3  (junior: ", 0) == 0);
  CHECK(lines[2].rfind("  review      a.csv:3  (senior: ", 0) == 0);
}

TEST_CASE("strict: names the first 10 of each status, the same whatever --threads",
          "[cli][strict]") {
  // 5,000 generated records, cut into blocks of 1 KiB so that the threads
  // share them out. Record i (line i + 1, id Gi) is invalid (3 fields) when
  // i is a multiple of 97, else matches no profile (sales) for multiples of
  // 101, else is in review (no years) for multiples of 89. The record at a
  // multiple of 250 repeats the id of the one before: under `duplicates:
  // review`, both go to review when both are screened by dev.
  constexpr int kRecords = 5000;
  enum class Kind { kOk, kInvalid, kNoProfile, kReview };
  std::vector<Kind> kind(kRecords + 1, Kind::kOk);
  std::string csv = "id,name,track,years\n";
  for (int i = 1; i <= kRecords; ++i) {
    const std::string id = "G" + std::to_string(i % 250 == 0 ? i - 1 : i);
    if (i % 97 == 0) {
      kind[static_cast<std::size_t>(i)] = Kind::kInvalid;
      csv += id + ",N,dev\n";
    } else if (i % 101 == 0) {
      kind[static_cast<std::size_t>(i)] = Kind::kNoProfile;
      csv += id + ",N,sales,3\n";
    } else if (i % 89 == 0) {
      kind[static_cast<std::size_t>(i)] = Kind::kReview;
      csv += id + ",N,dev,\n";
    } else {
      csv += id + ",N,dev,3\n";
    }
  }
  for (int i = 250; i <= kRecords; i += 250) {
    auto& a = kind[static_cast<std::size_t>(i - 1)];
    auto& b = kind[static_cast<std::size_t>(i)];
    const auto screened = [](Kind k) { return k == Kind::kOk || k == Kind::kReview; };
    if (screened(a) && screened(b)) a = b = Kind::kReview;
  }
  std::map<Kind, Strings> sources;
  for (int i = 1; i <= kRecords; ++i)
    sources[kind[static_cast<std::size_t>(i)]].push_back("a.csv:" + std::to_string(i + 1));
  // 51 multiples of 97 up to 5,000; 49 of 101, none a multiple of 97 (the
  // least common one is 9,797); 56 of 89, none a multiple of 97 or 101, and
  // the pairs of repeated ids on top.
  REQUIRE(sources[Kind::kInvalid].size() == 51);
  REQUIRE(sources[Kind::kNoProfile].size() == 49);
  const std::size_t review = sources[Kind::kReview].size();
  REQUIRE(review > 56);

  TempDir dir;
  dir.write("rules.yaml", rules("review"));
  dir.write("a.csv", csv);
  std::map<std::string, Strings> by_threads;
  for (const std::string threads : {"1", "2", "3"}) {
    RunResult r = shortlist::test::run_shortlist(
        "screen --strict -q -r rules.yaml a.csv -o s.csv --block-size 1024 --threads " + threads,
        dir.path());
    INFO("threads " << threads << ", stderr: " << r.err);
    CHECK(r.exit_code == 1);
    by_threads[threads] = strict_lines(r.err);
  }
  CHECK(by_threads["1"] == by_threads["2"]);
  CHECK(by_threads["1"] == by_threads["3"]);

  const Strings& lines = by_threads["1"];
  REQUIRE(lines.size() == 1 + 3 * (10 + 1));
  CHECK(lines[0] == "shortlist: error: --strict: " + std::to_string(51 + 49 + review) +
                        " failed: 51 invalid, " + std::to_string(review) + " review, 49 no-profile");
  // Each status: its first 10 sources in input order, then how many more.
  std::size_t at = 1;
  for (const auto& [k, name, more] :
       {std::tuple{Kind::kInvalid, std::string("invalid"), std::string("(and 41 more invalid; see --rejects or --decisions)")},
        std::tuple{Kind::kReview, std::string("review"),
                   "(and " + std::to_string(review - 10) + " more review; see --decisions)"},
        std::tuple{Kind::kNoProfile, std::string("no-profile"), std::string("(and 39 more no-profile; see --decisions)")}}) {
    INFO(name);
    for (std::size_t n = 0; n < 10; ++n, ++at) {
      std::string prefix = "  " + name + std::string(10 - name.size(), ' ') + "  " + sources[k][n];
      CHECK(lines[at].substr(0, prefix.size()) == prefix);
      // The source ends there: the reason, if any, follows two spaces on.
      CHECK((lines[at].size() == prefix.size() || lines[at].compare(prefix.size(), 3, "  (") == 0));
    }
    CHECK(lines[at++] == "  " + more);
  }
}
