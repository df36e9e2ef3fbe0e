// shortlist explain: why one applicant got each decision, in plain words.
// read the decision record -> find the rules -> explain -> print.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "exit_code.hpp"
#include "shortlist/explain.hpp"
#include "shortlist/sha256.hpp"
#include "usage_error.hpp"

namespace shortlist::cmd {
namespace {

struct ExplainFlags {
  std::string decisions;
  std::string id;
  std::string rules;
  std::string format = "text";
};

// The rules the run recorded, if that file is still there unchanged; null
// (with a warning) otherwise, and the explanation uses rule ids only.
std::unique_ptr<Rules> recorded_rules(const RecordedApplicant& a) {
  if (a.rules_path.empty()) {
    print_warning("the rules are not available (the record has no run line naming them); "
                  "explaining with rule ids only (give them with -r)");
    return nullptr;
  }
  auto digest = file_sha256(a.rules_path);
  if (!digest || *digest != a.rules_sha256) {
    std::string why = !digest ? "cannot be read" : "has changed since the run (SHA-256 differs)";
    print_warning("the rules are not available ('" + a.rules_path + "' " + why +
                  "); explaining with rule ids only (give them with -r)");
    return nullptr;
  }
  LoadedRules loaded = load_rules_file(a.rules_path);
  if (!loaded.ok())
    print_warning("the rules are not available ('" + a.rules_path +
                  "' does not load); explaining with rule ids only");
  return std::move(loaded.rules);
}

int run(const ExplainFlags& flags) {
  if (flags.format != "text" && flags.format != "json") {
    print_error("unknown format '" + flags.format + "' (expected text or json" +
                did_you_mean(flags.format, {"text", "json"}) + ")");
    return kExitUsage;
  }
  RecordedApplicant applicant;
  try {
    applicant = read_applicant(flags.decisions, flags.id);
  } catch (const DecisionRecordError& e) {
    print_error(e.what());
    return kExitInput;
  }
  if (applicant.decisions.empty()) {
    print_error("no decision for id '" + flags.id + "' in " + flags.decisions);
    return kExitCheckFailed;
  }
  std::unique_ptr<Rules> rules;
  if (!flags.rules.empty()) {
    rules = load_rules_reporting(flags.rules);
    if (!rules) return kExitRules;
  } else {
    rules = recorded_rules(applicant);
  }
  Explanation e = explain(flags.id, applicant, rules.get());
  std::string out = flags.format == "json" ? explanation_json(e) : explanation_text(e);
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    print_error("standard output: cannot write");
    return kExitOutput;
  }
  return kExitOk;
}

}  // namespace

void add_explain(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ExplainFlags>();
  auto* sub = app.add_subcommand("explain", "Explain in plain words why an applicant got each decision");
  sub->add_option("decisions", flags->decisions, "Decision record written by 'screen --decisions'")
      ->required();
  sub->add_option("--id", flags->id, "The applicant's id")->required();
  sub->add_option("-r,--rules", flags->rules,
                  "Rules file (default: the one the run recorded, if unchanged)");
  sub->add_option("--format", flags->format, "Output: text or json")->capture_default_str();
  sub->footer(
      "Each decision of the applicant (one per profile that screened the record, one per\n"
      "record when the id is repeated) gets one sentence with its status and the deciding\n"
      "reason, then every require rule (id, text, outcome, value read), every score rule's\n"
      "points, the score, the cut-off and the rank. The rules' texts, cut-off and top come\n"
      "from -r, else from the rules file the run recorded when its SHA-256 still matches;\n"
      "otherwise a warning is printed and rules are named by id only.\n"
      "\n"
      "--format json prints one object:\n"
      "  {\"id\":ID,\"rules\":BOOL,\"decisions\":[{\"source\",\"profile\",\"status\",\"summary\",\n"
      "   \"checks\":[{\"rule\",\"text\",\"outcome\",\"value\"[,\"reason\"]}],\n"
      "   \"points\":[{\"rule\",\"points\"[,\"outcome\",\"reason\"]}],\n"
      "   \"score\",\"cutoff\",\"rank\",\"shortlisted\",\"top\"}]}\n"
      "(scores, points and cut-off are exact decimal strings; absent values are null).\n"
      "\n"
      "Exit codes: 0 explained, 1 no decision for that id, 2 usage error, 3 bad -r rules,\n"
      "4 decision record unreadable.\n"
      "\n"
      "Examples:\n"
      "  shortlist explain decisions.jsonl --id AIO-0005\n"
      "  shortlist explain decisions.jsonl --id AIO-0005 -r rules.yaml --format json");
  sub->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace shortlist::cmd
