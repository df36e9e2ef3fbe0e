// shortlist verify: screens again the way a decision record says a run did, and
// proves the record reproduces: rules and inputs hash the same, and every
// decision, the run line and the summary come out the same (SPEC 5).

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "commands.hpp"
#include "common.hpp"
#include "exit_code.hpp"
#include "interrupt_guard.hpp"
#include "run/scratch_dir.hpp"
#include "shortlist/output_error.hpp"
#include "shortlist/screen_run.hpp"
#include "shortlist/sha256.hpp"
#include "shortlist/verify.hpp"

namespace shortlist::cmd {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kShownDifferences = 20;

struct VerifyFlags {
  std::string decisions;
  std::string rules;
  InputFlags input;
  bool encoding_given = false;
  int threads = 0;
};

// How each input is read: the command line's options where given, else the
// run's, so that a run verifies without repeating how it read its inputs.
void apply_recorded(std::vector<InputOptions>& inputs, const VerifyFlags& flags,
                    const RecordedRun& run) {
  for (std::size_t i = 0; i < inputs.size() && i < run.inputs.size(); ++i) {
    const RecordedInput& rec = run.inputs[i];
    if (flags.input.format.empty() && rec.format) inputs[i].format = rec.format;
    if (flags.input.delimiter.empty()) inputs[i].delimiter = rec.delimiter;
    if (!flags.encoding_given && rec.encoding) inputs[i].encoding = *rec.encoding;
  }
}

// The recorded profile ids as indices; an id the rules lack is left out (the
// run lines then differ, which is reported) and named here.
std::vector<int> recorded_profiles(const Rules& rules, const RecordedRun& run) {
  std::vector<int> out;
  for (const auto& id : run.profiles) {
    bool found = false;
    for (std::size_t i = 0; i < rules.profiles.size(); ++i)
      if (rules.profiles[i].id == id) {
        out.push_back(static_cast<int>(i));
        found = true;
      }
    if (!found) print_warning("profile '" + id + "' of the run is not in the rules");
  }
  return out;
}

VerifyResult rescreen_and_compare(const Rules& rules, ScreenOptions options,
                                  const std::string& decisions, InterruptGuard& interrupts) {
  ScratchDir scratch({}, "shortlist-verify");
  interrupts.remove_on_exit(scratch.path());
  options.temp_dir = scratch.path();
  options.stop = interrupts.flag();
  fs::path recomputed_path = scratch.path() / "decisions.jsonl";
  {
    std::ofstream out(recomputed_path, std::ios::binary);
    if (!out) throw OutputError(recomputed_path.string() + ": cannot create");
    ScreenOutputs outputs;
    outputs.decisions = &out;
    outputs.decisions_file = &recomputed_path;
    run_screening(rules, options, outputs);
    out.flush();
    if (!out) throw OutputError(recomputed_path.string() + ": cannot write");
  }
  std::ifstream recorded(decisions, std::ios::binary);
  std::ifstream recomputed(recomputed_path, std::ios::binary);
  if (!recorded) throw InputError(decisions, 0, 0, "cannot open the decision record");
  if (!recomputed) throw OutputError(recomputed_path.string() + ": cannot read back");
  return compare_decision_records(recorded, recomputed, kShownDifferences);
}

int report(const VerifyResult& result) {
  for (const auto& note : result.notes) std::printf("note: %s\n", note.c_str());
  if (result.identical()) {
    std::printf("verify: identical: %lld decisions, rules and %lld inputs match their hashes\n",
                static_cast<long long>(result.compared), static_cast<long long>(result.inputs));
    return kExitOk;
  }
  for (const auto& d : result.differences) std::printf("%s\n", describe(d).c_str());
  auto shown = static_cast<std::int64_t>(result.differences.size());
  if (result.total > shown)
    std::printf("verify: %lld more differences not shown\n",
                static_cast<long long>(result.total - shown));
  std::printf("verify: %lld decisions compared, %lld differ, %lld missing, %lld extra\n",
              static_cast<long long>(result.compared), static_cast<long long>(result.differ),
              static_cast<long long>(result.missing), static_cast<long long>(result.extra));
  return kExitCheckFailed;
}

int run(const VerifyFlags& flags) {
  auto inputs = input_options(flags.input);
  if (!inputs) return kExitUsage;
  auto rules = load_rules_reporting(flags.rules);
  if (!rules) return kExitRules;
  InterruptGuard interrupts;  // before any thread starts
  return reporting_errors([&]() -> int {
    RecordedRun recorded;
    try {
      recorded = read_recorded_run(flags.decisions);
    } catch (const InputError& e) {
      print_error(flags.decisions + ": " + e.what());
      return kExitInput;
    }
    ScreenOptions options;
    options.inputs = std::move(*inputs);
    apply_recorded(options.inputs, flags, recorded);
    options.profiles = recorded_profiles(*rules, recorded);
    options.rules_sha256 = file_sha256(flags.rules).value_or("");
    options.threads = thread_count(flags.threads);
    int code =
        report(rescreen_and_compare(*rules, std::move(options), flags.decisions, interrupts));
    std::fflush(stdout);
    if (std::ferror(stdout)) throw OutputError("standard output: cannot write");
    return code;
  });
}

}  // namespace

void add_verify(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<VerifyFlags>();
  auto* sub = app.add_subcommand(
      "verify", "Screen again and check that a decision record reproduces");
  sub->add_option("decisions", flags->decisions, "The decision record a screen run wrote")
      ->required();
  sub->add_option("-r,--rules", flags->rules, "Rules file (YAML)")->required();
  sub->add_option("inputs", flags->input.paths,
                  "The run's applicant files, in the same order, or - for standard input")
      ->required();
  add_input_flags(*sub, flags->input);
  sub->add_option("--threads", flags->threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(0, 1024));
  sub->footer(
      "Reads each input as the run did (format, encoding, delimiter from the record's run\n"
      "line) unless told otherwise. Prints at most the first 20 differences; exits 1 if\n"
      "there are any, 0 if the rules, inputs and every decision are unchanged.\n"
      "Examples:\n"
      "  shortlist screen -r rules.yaml a.csv --decisions decisions.jsonl\n"
      "  shortlist verify decisions.jsonl -r rules.yaml a.csv\n"
      "  shortlist verify decisions.jsonl -r rules.yaml a.csv b.jsonl.gz --threads 1");
  sub->callback([flags, sub, &exit_code] {
    flags->encoding_given = sub->count("--encoding") > 0;
    exit_code = run(*flags);
  });
}

}  // namespace shortlist::cmd
