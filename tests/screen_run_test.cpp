// The screening run as a whole, through the library: the phases that need every
// record (duplicates, ranks) must give the same outputs whether the sorts stay
// in memory or spill to disk, and whatever the number of threads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "shortlist/screen_run.hpp"
#include "test_support.hpp"

using namespace shortlist;

namespace {

const char* kRules = R"(shortlist: 1
call: { id: T-1 }
fields:
  id:    { column: id }
  years: { column: years, type: number }
duplicates: review
profiles:
  - id: p
    require:
      - { id: some, field: years, at_least: 1 }
    score:
      - { id: y, field: years, each: 1 }
    shortlist: { min_score: 2, top: 5 }
)";

struct Outputs {
  std::string shortlist, decisions, rejects;
};

// `record_in`: the decision record is built in place in this file (as
// `screen --decisions` does) rather than written to a stream.
Outputs screen(const Rules& rules, const std::string& input, std::size_t budget, int threads,
               const std::filesystem::path* record_in = nullptr) {
  ScreenOptions options;
  options.inputs.push_back(InputOptions{input, std::nullopt, 0, Encoding::kUtf8, 0, true, "", 0});
  options.memory_budget = budget;
  options.threads = threads;
  options.batch_size = 7;  // many batches, so that threads interleave
  options.format = ShortlistFormat::kCsv;
  options.list_statuses = {Status::kShortlisted, Status::kReserve, Status::kBelowCutoff};
  std::ostringstream shortlist, decisions, rejects;
  ScreenOutputs outputs{&shortlist, &decisions, &rejects};
  outputs.decisions_file = record_in;
  if (record_in) std::ofstream(*record_in, std::ios::binary | std::ios::trunc);  // new and empty
  run_screening(rules, options, outputs);
  if (record_in) {
    CHECK(decisions.str().empty());  // the stream is left unused
    return {shortlist.str(), test::read_file(*record_in), rejects.str()};
  }
  return {shortlist.str(), decisions.str(), rejects.str()};
}

}  // namespace

TEST_CASE("spilled sorts and many threads give the outputs of one thread in memory",
          "[screen][determinism]") {
  test::TempDir dir;
  auto rules_path = dir.write("rules.yaml", kRules);
  // 3000 records: years cycle 0..9, every 100th id repeats its predecessor's.
  std::string csv = "id,years\n";
  for (int i = 0; i < 3000; ++i) {
    int id = (i % 100 == 99) ? i - 1 : i;
    csv += "A" + std::to_string(id) + "," + std::to_string(i % 10) + "\n";
  }
  csv += "bad,line,here\n";
  auto input = dir.write("in.csv", csv).string();
  LoadedRules loaded = load_rules_file(rules_path.string());
  REQUIRE(loaded.ok());

  Outputs reference = screen(*loaded.rules, input, std::size_t{64} << 20, 1);
  Outputs spilled = screen(*loaded.rules, input, 1024, 1);
  Outputs threaded = screen(*loaded.rules, input, 1024, 4);
  CHECK(spilled.shortlist == reference.shortlist);
  CHECK(spilled.decisions == reference.decisions);
  CHECK(spilled.rejects == reference.rejects);
  CHECK(threaded.shortlist == reference.shortlist);
  CHECK(threaded.decisions == reference.decisions);
  CHECK(threaded.rejects == reference.rejects);

  // Duplicates are settled in parts, one a thread (settle_phase.cpp): under
  // each policy, the verdicts and counts of four parts are those of one.
  for (const char* policy : {"first", "last"}) {
    std::string text = kRules;
    text.replace(text.find("duplicates: review"), 18, std::string("duplicates: ") + policy);
    auto policy_path = dir.write(std::string(policy) + ".yaml", text);
    LoadedRules policy_rules = load_rules_file(policy_path.string());
    REQUIRE(policy_rules.ok());
    INFO(policy);
    Outputs one = screen(*policy_rules.rules, input, std::size_t{64} << 20, 1);
    Outputs four = screen(*policy_rules.rules, input, 1024, 4);
    CHECK(four.shortlist == one.shortlist);
    CHECK(four.decisions == one.decisions);
    CHECK(one.decisions != reference.decisions);  // the policy was applied
  }

  // Worked out by hand: 9 points is the top score, for i = 9, 19, ..., 2999.
  // Those with i % 100 == 99 carry the id of i - 1, a repeated id, so they are
  // in review. Among the rest, ties are broken by the id's bytes (no
  // `submitted` field: order is score desc, id asc), and the smallest is
  // "A1009" ("A1009" < "A1019" < "A109" < "A19" < "A9").
  std::istringstream rows(reference.shortlist);
  std::string header, first;
  std::getline(rows, header);
  std::getline(rows, first);
  CHECK(header == "profile,rank,id,score,status");
  CHECK(first == "p,1,A1009,9,shortlisted");
}

TEST_CASE("a decision record built in place in its file is the one written to a stream",
          "[screen][decisions]") {
  test::TempDir dir;
  // 4000 records, every 7th id repeated from the one before and every 50th
  // missing: verdicts, ranks of four digits and review lines all change
  // lines of the record after they were drafted; some lines grow (a rank of
  // four digits for `null`, "shortlisted" for "eligible"), some shrink.
  std::string csv = "id,years\n";
  for (int i = 0; i < 4000; ++i) {
    const int id = (i % 7 == 6) ? i - 1 : i;
    csv += (i % 50 == 49 ? std::string() : "A" + std::to_string(id)) + "," + std::to_string(i % 10) + "\n";
  }
  csv += "bad,line,here\n";
  const auto input = dir.write("in.csv", csv).string();
  for (const char* policy : {"review", "first", "last"}) {
    std::string text = kRules;
    text.replace(text.find("duplicates: review"), 18, std::string("duplicates: ") + policy);
    // Every eligible record shortlisted, so that most lines change.
    text.replace(text.find("top: 5"), 6, "top: 3000");
    auto rules_path = dir.write(std::string(policy) + ".yaml", text);
    LoadedRules loaded = load_rules_file(rules_path.string());
    REQUIRE(loaded.ok());
    const auto record = dir.path() / "record.jsonl";
    for (int threads : {1, 3}) {
      for (std::size_t budget : {std::size_t{64} << 20, std::size_t{2048}}) {
        INFO(policy << ", " << threads << " threads, budget " << budget);
        const Outputs streamed = screen(*loaded.rules, input, budget, threads);
        const Outputs in_place = screen(*loaded.rules, input, budget, threads, &record);
        CHECK(in_place.decisions == streamed.decisions);
        CHECK(in_place.shortlist == streamed.shortlist);
        CHECK(in_place.rejects == streamed.rejects);
        // 4001 records, one profile: a run line, 4001 decisions, a summary.
        CHECK(std::count(in_place.decisions.begin(), in_place.decisions.end(), '\n') == 4003);
      }
    }
  }
}

TEST_CASE("a shortlist alone counts the reserve past its cut as ranking every entry does",
          "[screen][ranking]") {
  // Without a decision record or a listed reserve, ranking a profile stops
  // at its cut and counts the rest: every entry after it, less those a
  // duplicate verdict took out. Two profiles, so that the entries taken out
  // (one sort for both) are met in step with each profile's in turn.
  test::TempDir dir;
  const auto rules_path = dir.write("rules.yaml", R"(shortlist: 1
call: { id: T-2 }
fields:
  id:    { column: id }
  years: { column: years, type: number }
  track: { column: track }
duplicates: first
profiles:
  - id: a
    when: { field: track, equals: a }
    require:
      - { id: some, field: years, at_least: 1 }
    score:
      - { id: y, field: years, each: 1 }
    shortlist: { top: 2 }
  - id: b
    when: { field: track, equals: b }
    require:
      - { id: some, field: years, at_least: 1 }
    score:
      - { id: y, field: years, each: 1 }
    shortlist: { top: 1 }
)");
  // Worked out by hand, with `first` keeping each id's first record:
  // profile a: eligible a1 (5), a2 (4), a3 (3), a4 (2), a5 (1); the later
  //   a3 (6) and a5 (9) would rank above the cut and a4 (1) below it, all
  //   three duplicates; a9 (0) is ineligible. Ranked: a1, a2 shortlisted;
  //   a3, a4, a5 reserve.
  // profile b: b1 (3), b2 (7), b3 (2); the later b1 (8) would rank first
  //   and b2 (1) last, both duplicates. Ranked: b2 shortlisted; b1, b3
  //   reserve.
  const auto input = dir.write("in.csv",
                               "id,years,track\n"
                               "a1,5,a\na2,4,a\na3,3,a\na4,2,a\na5,1,a\n"
                               "a3,6,a\na5,9,a\na4,1,a\na9,0,a\n"
                               "b1,3,b\nb2,7,b\nb1,8,b\nb3,2,b\nb2,1,b\n")
                         .string();
  LoadedRules loaded = load_rules_file(rules_path.string());
  REQUIRE(loaded.ok());
  using Counts = std::array<std::int64_t, kProfileStatuses.size()>;
  // shortlisted, reserve, below-cutoff, ineligible, review, duplicate
  const Counts want_a = {2, 3, 0, 1, 0, 3};
  const Counts want_b = {1, 2, 0, 0, 0, 2};
  for (int threads : {1, 2}) {
    for (std::size_t budget : {std::size_t{64} << 20, std::size_t{64}}) {
      INFO(threads << " threads, budget " << budget);
      ScreenOptions options;
      options.inputs.push_back(InputOptions{input, std::nullopt, 0, Encoding::kUtf8, 0, true, "", 0});
      options.memory_budget = budget;
      options.threads = threads;
      options.batch_size = 2;
      options.format = ShortlistFormat::kCsv;
      options.list_statuses = {Status::kShortlisted};
      std::ostringstream shortlist;
      const ScreenSummary summary = run_screening(*loaded.rules, options, {&shortlist, nullptr, nullptr});
      REQUIRE(summary.counts.size() == 2);
      CHECK(summary.counts[0] == want_a);
      CHECK(summary.counts[1] == want_b);
      CHECK(shortlist.str() ==
            "profile,rank,id,score,status\n"
            "a,1,a1,5,shortlisted\n"
            "a,2,a2,4,shortlisted\n"
            "b,1,b2,7,shortlisted\n");
    }
  }
}
