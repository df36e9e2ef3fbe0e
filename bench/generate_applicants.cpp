// generate_applicants N [SEED [CV_SENTENCES]] > applicants.csv
//
// Writes N synthetic applicants shaped like samples/applicants.csv (same
// columns, same kinds of values: names with accents, nationalities as codes and
// names in several languages, submissions around the deadline, missing and
// unreadable values, a few repeated ids). Deterministic for a given seed, so
// benchmark runs are comparable. A benchmark input, not test data: nobody has
// worked out its expected decisions.
//
// CV_SENTENCES (default 1) makes each CV summary that many sentences drawn from
// a larger pool, as real summaries run to a paragraph: 6 gives about 350
// characters, the length bench/engine_vs_duckdb.sh uses.
#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "bench_random.hpp"

namespace {

using shortlist::bench::Random;

constexpr std::array<std::string_view, 12> kFirst = {
    "Zoë", "Łukasz", "Ελένη", "Ștefan", "Åsa", "Jakub", "Siobhán", "Matteo",
    "Chiara", "Émilie", "Nikos", "María"};
constexpr std::array<std::string_view, 10> kLast = {
    "Martin", "Nowak", "Papadopoulou", "Popescu", "Lindqvist", "Dvořák",
    "Murphy", "Conti", "Dubois", "López"};
constexpr std::array<std::string_view, 16> kNationality = {
    "FR", "DE", "Deutschland", "Allemagne", "Italia", "España", "Ελλάδα", "Polska",
    "Nederland", "Éire", "FR;US", "US", "CH", "Norway", "UK", "Atlantis"};
constexpr std::array<std::string_view, 8> kDegree = {
    "PhD", "MSc", "Master's", "BSc", "Licence", "High School", "", "Bachelor of Magic"};
constexpr std::array<std::string_view, 8> kYears = {"<1", "1", "2", "4.5", "7", ">20", "", "five"};
constexpr std::array<std::string_view, 6> kSkills = {
    "Machine Learning;PyTorch", "Deep Learning;TensorFlow;JAX", "Cybersecurity",
    "AI Ethics;privacy", "Excel", ""};
constexpr std::array<std::string_view, 5> kCv = {
    "Led model evaluation and red teaming of large language models.",
    "Research on alignment and bias; talks on disinformation.",
    "\"Organised workshops, events and meetings with Member States' representatives.\"",
    "Procurement and financial operations; meeting minutes.",
    ""};

// Sentences of the longer CVs: the phrases the benchmark job scores, among
// plain words, as a CV mixes them.
constexpr std::array<std::string_view, 16> kSentences = {
    "Led model evaluation and red teaming of large language models.",
    "Research on alignment and bias in ranking systems.",
    "Gave talks on disinformation and platform governance.",
    "Organised workshops and meetings with Member States' representatives.",
    "Handled procurement, budgets and financial operations.",
    "Drafted meeting minutes and answered enquiries from the public.",
    "Built data pipelines in Python and SQL for a retail bank.",
    "Maintained the team's SharePoint and Confluence spaces.",
    "Taught an evening course on statistics for five years.",
    "Worked on privacy reviews of machine learning features.",
    "Ran red-teaming exercises on chatbots before release.",
    "Wrote documentation and onboarding guides for new staff.",
    "Coordinated a network of twelve national contact points.",
    "Benchmarked recommendation models against fairness metrics.",
    "Managed supplier contracts and invoicing in SAP.",
    "Volunteered as a mentor in a coding club for teenagers."};

// A CV of `sentences` sentences; one sentence is the short pool of kCv.
std::string cv_summary(Random& r, long long sentences) {
  if (sentences <= 1) return std::string(r.pick(kCv));
  std::string out = "\"";
  for (long long s = 0; s < sentences; ++s) {
    if (s) out += ' ';
    out += r.pick(kSentences);
  }
  return out + "\"";  // quoted for the commas; the sentences hold no quote
}

// Draws are taken one statement at a time: the order in which function
// arguments are evaluated is unspecified, and the output must not depend on it.
std::string submitted(Random& r) {
  std::size_t kind = r.below(4);
  std::size_t day = r.below(7);
  std::size_t minute = r.below(60);
  std::size_t second = r.below(60);
  switch (kind) {
    case 0: return fmt::format("2024-03-2{}T10:{:02}:{:02}Z", 1 + day, minute, second);
    case 1: return fmt::format("2024-03-27 11:{:02}", minute);
    case 2: return fmt::format("2024-03-27T12:{:02}:00+01:00", minute);
    default: return fmt::format("2024-03-2{}T09:00:00+02:00", 1 + day);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: generate_applicants N [SEED [CV_SENTENCES]]\n");
    return 2;
  }
  long long n = std::atoll(argv[1]);
  Random r{argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 2024};
  const long long sentences = argc > 3 ? std::atoll(argv[3]) : 1;
  std::string out =
      "applicant_id,full_name,email,nationality,submitted_at,profile,degree,"
      "years_ai_experience,skills,cv_summary,languages,work_experience_years,"
      "coordination_years,interest_in_ai\n";
  for (long long i = 1; i <= n; ++i) {
    // About one record in a thousand repeats an earlier id.
    long long id = i;
    if (r.below(1000) == 0 && i > 1)
      id = 1 + static_cast<long long>(r.below(static_cast<std::size_t>(i - 1)));
    bool tech = r.below(3) != 0;
    auto first = r.pick(kFirst);
    auto last = r.pick(kLast);
    auto nationality = r.pick(kNationality);
    auto when = submitted(r);
    auto degree = r.pick(kDegree);
    auto years = r.pick(kYears);
    auto skills = r.pick(kSkills);
    auto cv = cv_summary(r, sentences);
    auto work = r.below(15);
    auto coordination = r.below(12);
    bool interest = r.below(4) != 0;
    fmt::format_to(std::back_inserter(out),
                   "SYN-{:07},{} {},a{}@example.eu,{},{},{},{},{},{},{},English;French,{},{},{}\n",
                   id, first, last, i, nationality, when, tech ? "tech-specialist" : "admin-assistant",
                   degree, years, skills, cv, work, coordination, interest ? "yes" : "no");
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}
