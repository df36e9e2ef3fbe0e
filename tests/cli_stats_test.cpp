// End to end: `screen --stats` prints each phase of the run with its time, the
// items it went through and MB/s, on standard error only; the times are not
// checked (nothing may depend on them), the phases and counts are.
#include <catch2/catch.hpp>

#include <cmath>
#include <regex>

#include "cli_test_support.hpp"
#include "test_support.hpp"

namespace {

using shortlist::test::TempDir;

const std::string kRules = R"(shortlist: 1
call: { id: STATS }
fields:
  id:    { column: id }
  years: { column: years, type: number }
profiles:
  - id: p
    score:
      - { id: years, field: years, each: 1 }
    shortlist: { top: 2 }
)";

}  // namespace

TEST_CASE("screen --stats: every phase with its items, on standard error", "[cli][stats]") {
  TempDir dir;
  dir.write("rules.yaml", kRules);
  dir.write("a.csv", "id,years\nA1,3\nA2,1\nA3,2\nA4,5\n");
  auto r = shortlist::test::run_shortlist("screen -q --stats -r rules.yaml a.csv -o s.csv",
                                          dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  const auto lines = shortlist::test::split_lines(r.err);
  REQUIRE(lines.size() == 7);
  CHECK(std::regex_match(lines[0], std::regex("shortlist: phase +time +items +items/s +MB/s")));
  // Four records read (the input's 32 bytes), one id each, all four
  // ranked, two shortlisted rows. No decision record was
  // asked for, so no phase writes one.
  // Under reading, the reading thread's own share: cutting the CSV text
  // after the header (the 20 bytes of four lines) into blocks.
  const std::vector<std::pair<std::string, std::string>> phases = {
      {"read and decide", "4"}, {"  cut into blocks", "4"}, {"settle duplicates", "4"},
      {"rank", "4"},            {"write shortlist", "2"}};
  for (std::size_t i = 0; i < phases.size(); ++i) {
    INFO(lines[i + 1]);
    CHECK(std::regex_match(lines[i + 1],
                           std::regex("  " + phases[i].first + " +[0-9]+\\.[0-9]{3} s +" +
                                      phases[i].second + " +[0-9]+ +([0-9]+\\.[0-9]|-)")));
  }
  CHECK(std::regex_match(lines[6], std::regex("  total +[0-9]+\\.[0-9]{3} s")));
  // The total adds the phases, not the part of one.
  const auto seconds = [](const std::string& line) {
    std::smatch m;
    REQUIRE(std::regex_search(line, m, std::regex("([0-9]+\\.[0-9]{3}) s")));
    return std::stod(m[1]);
  };
  double sum = 0;
  for (int i : {1, 3, 4, 5}) sum += seconds(lines[static_cast<std::size_t>(i)]);
  CHECK(std::abs(sum - seconds(lines[6])) < 0.003);  // each figure rounded
  // With --decisions, the phase that writes them, one line per record.
  auto with = shortlist::test::run_shortlist(
      "screen -q --stats -r rules.yaml a.csv -o u.csv --decisions d.jsonl", dir.path());
  REQUIRE(with.exit_code == 0);
  const auto more = shortlist::test::split_lines(with.err);
  REQUIRE(more.size() == 8);
  CHECK(std::regex_match(more[5], std::regex("  write decisions +[0-9]+\\.[0-9]{3} s +4 +[0-9]+ +[0-9]+\\.[0-9]")));
  // Without --stats, nothing of it.
  auto quiet = shortlist::test::run_shortlist("screen -q -r rules.yaml a.csv -o t.csv", dir.path());
  CHECK(quiet.err.empty());
  CHECK(shortlist::test::read_file(dir.path() / "s.csv") ==
        shortlist::test::read_file(dir.path() / "t.csv"));
}
