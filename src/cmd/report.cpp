// shortlist report: the screening report for people (SPEC 7), as HTML or
// Markdown. options -> the rules (for titles, texts, cut-offs) -> gather ->
// render -> rename.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <variant>
#include <iostream>

#include "commands.hpp"
#include "common.hpp"
#include "exit_code.hpp"
#include "interrupt_guard.hpp"
#include "output_paths.hpp"
#include "shortlist/atomic_file.hpp"
#include "shortlist/explain.hpp"
#include "shortlist/output_error.hpp"
#include "shortlist/report.hpp"
#include "shortlist/sha256.hpp"
#include "shortlist/verify.hpp"
#include "usage_error.hpp"

namespace shortlist::cmd {
namespace {

struct ReportFlags {
  std::string decisions;
  std::string output;
  std::string format;
  std::string rules;
  int sort_memory_mib = 32;
};

std::optional<bool> is_html(const ReportFlags& flags) {
  std::string name = flags.format;
  if (name.empty()) {
    const std::string extension = std::filesystem::path(flags.output).extension().string();
    name = extension == ".md" ? "md" : "html";
  }
  if (name == "html") return true;
  if (name == "md") return false;
  print_error("unknown format '" + flags.format + "' (expected html or md" +
              did_you_mean(flags.format, {"html", "md"}) + ")");
  return std::nullopt;
}

std::vector<ReportProfileRules> report_rules(const Rules& rules) {
  std::vector<ReportProfileRules> out;
  for (const Profile& p : rules.profiles) {
    ReportProfileRules& r = out.emplace_back();
    r.id = p.id;
    r.title = p.title;
    for (const RequireRule& rule : p.require) {
      r.require_ids.push_back(rule.id);
      r.require_texts.push_back(rule.text);
      r.passes_missing.push_back(rule.on_missing == OnMissing::kPass);
      r.passes_unreadable.push_back(rule.on_unreadable == OnMissing::kPass);
    }
    for (const ScoreRule& rule : p.score) {
      r.score_ids.push_back(rule.id);
      r.score_texts.push_back(rule.text);
    }
    r.cutoff = p.shortlist.min_score;
    r.top = p.shortlist.top;
  }
  return out;
}

// The rules: -r (with a warning when they are not the run's), else the file
// the record names if one is found unchanged; else none, with a warning (the
// report names rules by id). An exit code when rules given or found do not
// load.
std::variant<std::optional<std::vector<ReportProfileRules>>, int> find_rules(const ReportFlags& flags,
                                                                             const RecordedRun& run) {
  std::string path = flags.rules;
  if (!path.empty()) {
    // Hashed as loaded: read twice, a pipe would give nothing the second time.
    std::string bytes;
    auto rules = load_rules_reporting(path, &bytes);
    if (!rules) return kExitRules;
    if (sha256_hex(bytes) != run.rules_sha256)
      print_warning("'" + path + "' is not the rules file the run used (its SHA-256 differs); " +
                    "the titles, rule texts and cut-off shown are taken from it as it is");
    return std::optional<std::vector<ReportProfileRules>>(report_rules(*rules));
  } else {
    const FoundFile found = find_recorded_file(flags.decisions, run.rules_path, run.rules_sha256);
    if (!found.matches) {
      print_warning(std::string("the rules are not available (") +
                    (found.path.empty() ? "'" + run.rules_path + "' is not there"
                                        : "'" + found.path + "' has changed since the run") +
                    "); the report names rules by id and shows no cut-off (give them with -r)");
      return std::optional<std::vector<ReportProfileRules>>();
    }
    path = found.path;
  }
  auto rules = load_rules_reporting(path);
  if (!rules) return kExitRules;
  return std::optional<std::vector<ReportProfileRules>>(report_rules(*rules));
}

int run(const ReportFlags& flags) {
  auto html = is_html(flags);
  if (!html) return kExitUsage;
  if (!flags.output.empty()) {
    std::vector<NamedPath> reads = {{"decision record", flags.decisions}};
    if (!flags.rules.empty()) reads.push_back({"rules file", flags.rules});
    if (auto clash = output_path_clash({{"-o", flags.output}}, reads)) {
      print_error(*clash);
      return kExitUsage;
    }
  }
  ReportOptions options;
  options.decisions = flags.decisions;
  options.memory_budget = static_cast<std::size_t>(flags.sort_memory_mib) << 20;
  try {
    auto rules = find_rules(flags, read_recorded_run(flags.decisions));
    if (const int* exit = std::get_if<int>(&rules)) return *exit;
    options.rules = std::get<0>(std::move(rules));
  } catch (const InputError& e) {
    return report_input_error(e);
  }

  InterruptGuard interrupts;
  options.stop = interrupts.flag();
  options.on_scratch = [&interrupts](const std::filesystem::path& p) { interrupts.remove_on_exit(p); };
  return reporting_errors([&]() -> int {
    try {
      std::unique_ptr<AtomicFile> file;
      if (!flags.output.empty() && flags.output != "-") {
        // The report names applicants: readable by its owner only, like the record.
        file = std::make_unique<AtomicFile>(flags.output, true);
        interrupts.remove_on_exit(file->temp_path());
      }
      auto report = gather_report(options);
      // Written as it is read back from the sorts: memory stays flat.
      std::ostream& out = file ? file->stream() : std::cout;
      if (*html)
        render_html(*report, out);
      else
        render_markdown(*report, out);
      check_stop(options.stop);
      if (!file) {
        std::cout.flush();
        if (!std::cout) throw OutputError("standard output: cannot write");
        return kExitOk;
      }
      file->finish();
      interrupts.commit_begins();
      file->commit();
      return kExitOk;
    } catch (const DecisionRecordError& e) {
      print_error(e.what());
      return kExitInput;
    }
  });
}

}  // namespace

void add_report(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ReportFlags>();
  auto* sub = app.add_subcommand("report", "Screening report for people: funnel, scores, reasons, lists");
  sub->add_option("decisions", flags->decisions, "Decision record written by 'screen --decisions'")
      ->required();
  sub->add_option("-o,--output", flags->output, "Report file (default: standard output)");
  sub->add_option("-f,--format", flags->format, "html or md (default: from -o, else html)");
  sub->add_option("-r,--rules", flags->rules,
                  "Rules file, for titles, rule texts and cut-offs (default: the one the run recorded, if unchanged)");
  sub->add_option("--sort-memory", flags->sort_memory_mib,
                  "MiB the report's lists keep in memory before spilling to $TMPDIR")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  sub->footer(
      "Per profile: the funnel (screened, passed each require rule, eligible, at or above the\n"
      "cut-off, shortlisted), a histogram of the eligible's scores with the cut-off, the\n"
      "reasons for ineligible and review counted, the shortlist and the review worklist.\n"
      "HTML is one file with no script and nothing fetched; md suits $GITHUB_STEP_SUMMARY.\n"
      "See docs/report.md.\n"
      "\n"
      "Exit codes: 0 written, 2 usage error, 3 rules error, 4 input error, 5 output error.\n"
      "\n"
      "Examples:\n"
      "  shortlist report decisions.jsonl -o report.html\n"
      "  shortlist report decisions.jsonl -f md >> \"$GITHUB_STEP_SUMMARY\"");
  sub->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace shortlist::cmd
