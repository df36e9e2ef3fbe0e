// shortlist fairness: the adverse-impact table (SPEC 7).
// options -> the id column (from the rules) -> join and count -> write.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <variant>

#include "commands.hpp"
#include "common.hpp"
#include "exit_code.hpp"
#include "interrupt_guard.hpp"
#include "output_paths.hpp"
#include "shortlist/atomic_file.hpp"
#include "shortlist/explain.hpp"
#include "shortlist/fairness.hpp"
#include "shortlist/output_error.hpp"
#include "shortlist/verify.hpp"
#include "usage_error.hpp"

namespace shortlist::cmd {
namespace {

struct FairnessFlags {
  std::string decisions;
  InputFlags groups;
  std::vector<std::string> by;
  std::string format;
  std::string output;
  std::string rules;
  std::string id_column;
  int sort_memory_mib = 32;
};

enum class TableFormat { kCsv, kMarkdown, kJson };

std::optional<TableFormat> table_format(const FairnessFlags& flags) {
  std::string name = flags.format;
  if (name.empty()) {
    const std::string extension = std::filesystem::path(flags.output).extension().string();
    name = extension == ".md" ? "md" : extension == ".json" ? "json" : "csv";
  }
  if (name == "csv") return TableFormat::kCsv;
  if (name == "md") return TableFormat::kMarkdown;
  if (name == "json") return TableFormat::kJson;
  print_error("unknown format '" + flags.format + "' (expected csv, md or json" +
              did_you_mean(flags.format, {"csv", "md", "json"}) + ")");
  return std::nullopt;
}

// The columns of the groups file that may hold the ids: --id-column, else
// the rules' id field's. Prints why and returns an exit code when neither
// can be had.
std::variant<std::vector<std::string>, int> id_columns(const FairnessFlags& flags,
                                                       const RecordedRun& run) {
  if (!flags.id_column.empty()) return std::vector<std::string>{flags.id_column};
  std::string path = flags.rules;
  if (path.empty()) path = find_recorded_file(flags.decisions, run.rules_path, run.rules_sha256).path;
  if (path.empty()) {
    print_error("cannot tell which column of " + flags.groups.paths.front() +
                " holds the ids: the rules the record names (" +
                (run.rules_path.empty() ? std::string("none") : "'" + run.rules_path + "'") +
                ") are not there; give -r RULES or --id-column NAME");
    return kExitUsage;
  }
  auto rules = load_rules_reporting(path);
  if (!rules) return kExitRules;
  return rules->fields[static_cast<std::size_t>(rules->id_field)].columns;
}

int run(const FairnessFlags& flags) {
  auto format = table_format(flags);
  if (!format) return kExitUsage;
  auto inputs = input_options(flags.groups);
  if (!inputs) return kExitUsage;
  for (std::size_t i = 0; i < flags.by.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (flags.by[i] == flags.by[j]) {
        print_error("--by '" + flags.by[i] + "' is given twice");
        return kExitUsage;
      }
  std::vector<NamedPath> reads = {{"decision record", flags.decisions},
                                   {"--groups", flags.groups.paths.front()}};
  if (!flags.rules.empty()) reads.push_back({"rules file", flags.rules});
  if (!flags.output.empty()) {
    if (auto clash = output_path_clash({{"-o", flags.output}}, reads)) {
      print_error(*clash);
      return kExitUsage;
    }
  }
  FairnessOptions options;
  options.decisions = flags.decisions;
  options.groups = inputs->front();
  options.by = flags.by;
  options.memory_budget = static_cast<std::size_t>(flags.sort_memory_mib) << 20;
  try {
    const RecordedRun recorded = read_recorded_run(flags.decisions);
    auto columns = id_columns(flags, recorded);
    if (const int* exit = std::get_if<int>(&columns)) return *exit;
    options.id_columns = std::get<std::vector<std::string>>(std::move(columns));
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
        file = std::make_unique<AtomicFile>(flags.output, false);
        interrupts.remove_on_exit(file->temp_path());
      }
      const std::vector<FairnessRow> rows = compute_fairness(options);
      const std::string text = *format == TableFormat::kCsv        ? fairness_csv(rows)
                               : *format == TableFormat::kMarkdown ? fairness_markdown(rows)
                                                                   : fairness_json(rows);
      check_stop(options.stop);
      if (!file) {
        std::fwrite(text.data(), 1, text.size(), stdout);
        if (std::fflush(stdout) != 0 || std::ferror(stdout))
          throw OutputError("standard output: cannot write");
        return kExitOk;
      }
      file->stream() << text;
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

void add_fairness(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<FairnessFlags>();
  auto* sub = app.add_subcommand(
      "fairness", "Adverse-impact table: selection rates and impact ratios by group");
  sub->add_option("decisions", flags->decisions, "Decision record written by 'screen --decisions'")
      ->required();
  sub->add_option("--groups", flags->groups.paths,
                  "File with an id column and the group columns (csv, tsv, json, jsonl, xlsx)")
      ->required()
      ->expected(1);
  sub->add_option("--by", flags->by, "Group column of the groups file (repeatable)")->required();
  sub->add_option("-f,--format", flags->format, "csv, md or json (default: from -o, else csv)");
  sub->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  sub->add_option("-r,--rules", flags->rules,
                  "Rules file whose id column the groups file uses (default: the one the record names)");
  sub->add_option("--id-column", flags->id_column, "The groups file's id column (instead of the rules')");
  add_input_flags(*sub, flags->groups);
  sub->add_option("--sort-memory", flags->sort_memory_mib,
                  "MiB the sorts by id keep in memory before spilling to $TMPDIR")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  sub->footer(
      "For each profile and each --by column (and, with several, their intersection), one\n"
      "row per group: applicants, shortlisted, selection rate, impact ratio (the rate over\n"
      "the best rate among groups large enough to judge), adverse (ratio below 4/5, exactly),\n"
      "scoring rate (share of the group's scored applicants above the profile's median score)\n"
      "and small (under 5 applicants, or under 2 % of the profile's). Applicants are the\n"
      "decisions shortlisted, reserve, below-cutoff, ineligible or review. Ids the groups\n"
      "file lacks, and blank cells, form the group (missing). See docs/fairness.md.\n"
      "\n"
      "Exit codes: 0 written, 2 usage error, 3 rules error, 4 input error, 5 output error.\n"
      "\n"
      "Examples:\n"
      "  shortlist fairness decisions.jsonl --groups groups.csv --by sex\n"
      "  shortlist fairness decisions.jsonl --groups groups.csv --by sex --by ethnicity -o fairness.md");
  sub->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace shortlist::cmd
