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
#include "shortlist/verify.hpp"
#include "usage_error.hpp"

namespace shortlist::cmd {
namespace {

struct ExplainFlags {
  std::string decisions;
  std::string id;
  std::string source;
  std::string rules;
  std::string format = "text";
};

// The rules the run recorded, found as recorded or beside the decision
// record, if unchanged; null (with a warning) otherwise, and the explanation
// names rules by id only.
std::unique_ptr<Rules> recorded_rules(const std::string& decisions, const RecordedApplicant& a) {
  if (a.rules_path.empty()) {
    print_warning("the rules are not available (the record has no run line naming them); "
                  "explaining with rule ids only (give them with -r)");
    return nullptr;
  }
  const FoundFile found = find_recorded_file(decisions, a.rules_path, a.rules_sha256);
  if (found.path.empty() || !found.matches) {
    std::string why = found.path.empty() ? "cannot be found, as recorded or beside the record"
                                         : "has changed since the run (SHA-256 differs)";
    print_warning("the rules are not available ('" + a.rules_path + "' " + why +
                  "); explaining with rule ids only (give them with -r)");
    return nullptr;
  }
  LoadedRules loaded = load_rules_file(found.path);
  if (!loaded.ok())
    print_warning("the rules are not available ('" + found.path +
                  "' does not load); explaining with rule ids only");
  return std::move(loaded.rules);
}

// The run's inputs, where they can be found again, read as the run read them.
std::vector<InputAtHand> inputs_at_hand(const std::string& decisions, const RecordedRun& run) {
  std::vector<InputAtHand> out;
  for (const auto& in : run.inputs) {
    InputAtHand& h = out.emplace_back();
    h.recorded = in.path;
    const FoundFile found = find_recorded_file(decisions, in.path, in.sha256);
    h.path = found.path;
    h.matches = found.matches;
    h.options.path = found.path;
    h.options.format = in.format ? in.format : format_from_extension(in.path);
    h.options.delimiter = in.delimiter;
    h.options.sheet = in.sheet;
    if (in.encoding) h.options.encoding = *in.encoding;
    h.options.hash = false;
  }
  return out;
}

// Each record of the applicant read again and decided again by `rules`.
std::vector<Rescreened> rescreen_all(const std::string& decisions, const RecordedApplicant& a,
                                     const Rules& rules) {
  std::vector<Rescreened> out;
  RecordedRun run;
  try {
    run = read_recorded_run(decisions);
  } catch (const InputError&) {
    return out;  // a record without a run line: explained as it stands
  }
  std::vector<int> profiles;
  for (const auto& id : run.profiles) {
    for (std::size_t p = 0; p < rules.profiles.size(); ++p)
      if (rules.profiles[p].id == id) profiles.push_back(static_cast<int>(p));
  }
  const std::vector<InputAtHand> inputs = inputs_at_hand(decisions, run);
  for (const auto& d : a.decisions) {
    if (d.status == "invalid") continue;
    bool seen = false;
    for (const auto& r : out) seen = seen || r.source == d.source;
    if (!seen) out.push_back(rescreen(d.source, rules, profiles, inputs));
  }
  return out;
}

int run(const ExplainFlags& flags) {
  if (flags.format != "text" && flags.format != "json") {
    print_error("unknown format '" + flags.format + "' (expected text or json" +
                did_you_mean(flags.format, {"text", "json"}) + ")");
    return kExitUsage;
  }
  if (flags.id.empty() == flags.source.empty()) {
    print_error("give the applicant with --id ID or one record with --source LOC (one of them)");
    return kExitUsage;
  }
  RecordedApplicant applicant;
  try {
    applicant = read_applicant(flags.decisions, ApplicantQuery{flags.id, flags.source});
  } catch (const DecisionRecordError& e) {
    print_error(e.what());
    return kExitInput;
  }
  if (applicant.decisions.empty()) {
    print_error(flags.source.empty()
                    ? "no decision for id '" + flags.id + "' in " + flags.decisions
                    : "no decision for source '" + flags.source + "' in " + flags.decisions);
    return kExitCheckFailed;
  }
  std::unique_ptr<Rules> rules;
  if (!flags.rules.empty()) {
    rules = load_rules_reporting(flags.rules);
    if (!rules) return kExitRules;
  } else {
    rules = recorded_rules(flags.decisions, applicant);
  }
  std::vector<Rescreened> again;
  if (rules) again = rescreen_all(flags.decisions, applicant, *rules);
  std::string id = flags.id;
  for (const auto& d : applicant.decisions)
    if (id.empty() && d.id) id = *d.id;
  Explanation e = explain(id, applicant, rules.get(), again);
  std::string out = flags.format == "json" ? explanation_json(e) : explanation_text(e);
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    print_error("standard output: cannot write");
    return kExitOutput;
  }
  // A decision the rules do not give that record: edited by hand, or made
  // with other rules or another version. Say so, and fail.
  bool differs = false;
  for (const auto& g : again) {
    for (const auto& line : rescreen_differences(*rules, g, applicant.decisions)) {
      print_warning(g.source + ": " + line);
      differs = true;
    }
  }
  if (differs) {
    print_warning("the decision record does not match what the rules give this applicant's "
                  "record; run 'shortlist verify' on the whole record");
    return kExitCheckFailed;
  }
  return kExitOk;
}

}  // namespace

void add_explain(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ExplainFlags>();
  auto* sub = app.add_subcommand("explain", "Explain in plain words why an applicant got each decision");
  sub->add_option("decisions", flags->decisions, "Decision record written by 'screen --decisions'")
      ->required();
  auto* id = sub->add_option("--id", flags->id, "The applicant's id");
  auto* source = sub->add_option("--source", flags->source,
                                 "One record by its source, as the record names it (a.csv:7)");
  id->excludes(source);
  sub->add_option("-r,--rules", flags->rules,
                  "Rules file (default: the one the run recorded, if unchanged)");
  sub->add_option("--format", flags->format, "Output: text or json")->capture_default_str();
  sub->footer(
      "Each decision of the applicant (one per profile that screened the record, one per\n"
      "record when the id is repeated) opens with one sentence: the status, the deciding\n"
      "reasons with the values as the applicant wrote them and as they were read (countries\n"
      "by name, times in the call's time zone with their offset, the deadline itself), and\n"
      "what can be done. Then every require rule, every score rule's points with what\n"
      "counted (items, phrases) and what did not, the score, the cut-off and the rank.\n"
      "\n"
      "The rules come from -r, else from the file the run recorded (as recorded, or beside\n"
      "the decision record) when its SHA-256 still matches; otherwise a warning is printed\n"
      "and rules are named by id only. When the rules and the input are at hand, the\n"
      "record is read again and screened again: if the recorded decision is not what the\n"
      "rules give it (a line edited by hand, other rules), a warning names each difference\n"
      "and the exit code is 1. Ranks and duplicates depend on every record: 'verify'.\n"
      "\n"
      "--format json prints one object:\n"
      "  {\"id\",\"rules\",\"deadline\",\"timezone\",\"decisions\":[{\"source\",\"profile\",\n"
      "   \"title\",\"status\",\"summary\",\"checks\":[{\"rule\",\"text\",\"outcome\",\"value\",\n"
      "   \"written\"[,\"reason\"],\"values\":[{\"field\",\"written\",\"read\"}],\"required\",\n"
      "   \"found\"}],\"points\":[{\"rule\",\"text\",\"points\"[,\"outcome\",\"value\",\"written\",\n"
      "   \"reason\"][,\"counted\",\"not_counted\":[{\"item\",\"why\"}],\"calculation\"]}],\n"
      "   \"score\",\"cutoff\",\"rank\",\"shortlisted\",\"top\",\n"
      "   \"recheck\":{\"state\":\"agrees|differs|unchecked\",\"differences\",\"note\"}}]}\n"
      "(scores, points and cut-off are exact decimal strings; absent values are null).\n"
      "\n"
      "Exit codes: 0 explained, 1 no such applicant or the record does not match the rules,\n"
      "2 usage error, 3 bad -r rules, 4 decision record unreadable.\n"
      "\n"
      "Examples:\n"
      "  shortlist explain decisions.jsonl --id AIO-0005\n"
      "  shortlist explain decisions.jsonl --source samples/applicants.csv:7\n"
      "  shortlist explain decisions.jsonl --id AIO-0005 -r rules.yaml --format json");
  sub->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace shortlist::cmd
