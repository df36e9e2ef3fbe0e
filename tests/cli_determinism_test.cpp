// SPEC 4.3: for the same rules, inputs and version, every output is
// byte-identical whatever --threads, the run or the working directory. Checked
// on 100,000 generated applicants shaped like the samples, with a few broken
// records and repeated ids so that every phase (rejects, duplicates, ranks,
// spilled sorts) takes part.
#include <catch2/catch.hpp>

#include <array>
#include <filesystem>
#include <string>

#include "test_support.hpp"

using shortlist::test::read_file;
using shortlist::test::run_shortlist;
using shortlist::test::TempDir;

namespace {

// 100,000 applicants; values cycle through lists of coprime lengths so that
// the combinations vary. Every 997th record repeats an earlier id; every
// 4999th has a field too many (invalid).
std::string generated_applicants() {
  const std::array<const char*, 7> nationality = {"FR", "Deutschland", "Ελλάδα", "US",
                                                  "FR;US", "Atlantis", "Éire"};
  const std::array<const char*, 5> submitted = {"2024-03-27T10:59:59Z", "2024-03-27 12:00",
                                                "2024-03-27T11:00:01Z", "2024-03-20T09:00:00+01:00",
                                                ""};
  const std::array<const char*, 6> degree = {"PhD", "MSc", "BSc", "High School", "", "Magic"};
  const std::array<const char*, 8> years = {"<1", "1", "2,5", "4", "7", ">20", "", "five"};
  const std::array<const char*, 3> skills = {"Machine Learning;PyTorch", "Cybersecurity", ""};
  const std::array<const char*, 4> cv = {"Model evaluation and red teaming.",
                                         "Bias and disinformation research.",
                                         "Organised workshops and meeting minutes.", ""};
  const std::array<const char*, 3> profile = {"tech-specialist", "admin-assistant",
                                              "tech-specialist;admin-assistant"};
  std::string csv =
      "applicant_id,full_name,email,nationality,submitted_at,profile,degree,"
      "years_ai_experience,skills,cv_summary,languages,work_experience_years,"
      "coordination_years,interest_in_ai\n";
  for (int i = 0; i < 100000; ++i) {
    int id = i % 997 == 996 ? i - 500 : i;
    auto u = static_cast<std::size_t>(i);
    csv += "D" + std::to_string(id) + ",Name " + std::to_string(i) + ",a" + std::to_string(i) +
           "@example.eu,\"" + nationality[u % 7] + "\"," + submitted[u % 5] + "," +
           profile[u % 3] + "," + degree[u % 6] + ",\"" + years[u % 8] + "\"," + skills[u % 3] +
           "," + cv[u % 4] + ",English;French," + std::to_string(i % 13) + "," +
           std::to_string(i % 11) + "," + (i % 4 ? "yes" : "no");
    if (i % 4999 == 4998) csv += ",extra";
    csv += "\n";
  }
  return csv;
}

struct Outputs {
  std::string shortlist, decisions, rejects;
};

Outputs screen_in(const std::filesystem::path& dir, const std::string& extra) {
  auto r = run_shortlist("screen -q -r rules.yaml applicants.csv -o out/shortlist.csv "
                         "--decisions out/decisions.jsonl --rejects out/rejects.jsonl "
                         "--status shortlisted,reserve,review --sort-memory 1 " + extra,
                         dir);
  REQUIRE(r.exit_code == 0);
  return {read_file(dir / "out/shortlist.csv"), read_file(dir / "out/decisions.jsonl"),
          read_file(dir / "out/rejects.jsonl")};
}

void check_same(const Outputs& a, const Outputs& b) {
  CHECK(a.shortlist == b.shortlist);
  CHECK(a.decisions == b.decisions);
  CHECK(a.rejects == b.rejects);
}

}  // namespace

TEST_CASE("100,000 applicants give byte-identical outputs for 1, 2 and 8 threads, run twice, "
          "from two folders", "[cli][determinism]") {
  const std::string rules = read_file(shortlist::test::source_dir() / "rules/eu-ai-office-2024.yaml");
  const std::string csv = generated_applicants();
  TempDir first, second;
  for (const TempDir* d : {&first, &second}) {
    d->write("rules.yaml", rules);
    d->write("applicants.csv", csv);
    std::filesystem::create_directory(d->path() / "out");
  }
  Outputs one = screen_in(first.path(), "--threads 1");
  // The run did the work: 100,000 records, 20 of them invalid (i = 4998, 9997, ...).
  CHECK(one.decisions.find("\"records\":100000") != std::string::npos);
  CHECK(one.rejects.size() > 0);
  std::size_t rejects = 0;
  for (char c : one.rejects) rejects += c == '\n' ? 1 : 0;
  CHECK(rejects == 20);

  check_same(one, screen_in(first.path(), "--threads 2"));
  check_same(one, screen_in(first.path(), "--threads 8"));
  check_same(one, screen_in(first.path(), "--threads 8"));
  check_same(one, screen_in(second.path(), "--threads 2"));
}
