// shortlist validate: checks a rules file, and optionally that an input's
// columns cover the fields the rules map.
#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "exit_code.hpp"
#include "shortlist/profile_coverage.hpp"

namespace shortlist::cmd {
namespace {

struct ValidateFlags {
  std::string rules;
  InputFlags input;
  bool quiet = false;
};

// One pass over the input (standard input cannot be read twice): the names it
// offers (the CSV header, or the keys of the first readable JSON record: JSON
// records may differ, so this is a sample, said in the docs), and through the
// profiles' `when`s, every record.
int check_input(const Rules& rules, const InputOptions& input) {
  auto reader = open_reader(input);
  std::vector<std::string> names = reader->header();
  ProfileCoverageCounter coverage(rules, reader->header());
  Record record;
  while (reader->next(record)) {
    if (names.empty() && !record.invalid) names = record.names;
    coverage.add(record);
  }
  int missing = 0;
  for (const auto& field : rules.fields) {
    bool found = false;
    for (const auto& c : field.columns)
      found |= std::find(names.begin(), names.end(), c) != names.end();
    if (found) continue;
    ++missing;
    std::string expected;
    for (const auto& c : field.columns) expected += (expected.empty() ? "'" : ", '") + c + "'";
    std::fprintf(stderr, "%s:1:1: error: no column for field '%s' (expected %s)\n",
                 input.path.c_str(), field.name.c_str(), expected.c_str());
  }
  for (const auto& name : names) {
    bool used = false;
    for (const auto& field : rules.fields)
      used |= std::find(field.columns.begin(), field.columns.end(), name) != field.columns.end();
    if (!used && name.find('.') == std::string::npos)
      std::fprintf(stderr, "%s:1:1: warning: column '%s' is not used by any field\n",
                   input.path.c_str(), name.c_str());
  }
  if (missing) return kExitCheckFailed;
  // A profile that would screen nobody is a warning, not an error (the input
  // may be a sample).
  for (const Diagnostic& d : coverage_warnings(rules, input.path, coverage.result()))
    print_diagnostic(d);
  return kExitOk;
}

int run(const ValidateFlags& flags) {
  auto rules = load_rules_reporting(flags.rules);
  if (!rules) return kExitRules;
  if (!flags.input.paths.empty()) {
    auto inputs = input_options(flags.input);
    if (!inputs) return kExitUsage;
    try {
      int worst = kExitOk;
      for (const auto& input : *inputs) worst = std::max(worst, check_input(*rules, input));
      if (worst != kExitOk) return worst;
    } catch (const InputError& e) {
      std::fprintf(stderr, "%s\n", e.formatted().c_str());
      return kExitInput;
    }
  }
  if (!flags.quiet)
    std::printf("%s: ok: %zu profile%s, %zu fields\n", flags.rules.c_str(), rules->profiles.size(),
                rules->profiles.size() == 1 ? "" : "s", rules->fields.size());
  return kExitOk;
}

}  // namespace

void add_validate(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ValidateFlags>();
  auto* sub = app.add_subcommand("validate", "Check a rules file (and that an input's columns fit it)");
  sub->add_option("rules", flags->rules, "Rules file (YAML)")->required();
  sub->add_option("--input", flags->input.paths,
                  "Also check that this file's columns cover the mapped fields, and warn about "
                  "profiles whose 'when' matches none of its records");
  add_input_flags(*sub, flags->input);
  sub->add_flag("-q,--quiet", flags->quiet, "Print nothing when the rules are valid");
  sub->footer("Examples:\n  shortlist validate rules/eu-ai-office-2024.yaml\n"
              "  shortlist validate rules.yaml --input export.csv\n"
              "Exit codes: 0 valid, 1 the input lacks a mapped column, 3 rules error, 4 input error.");
  sub->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace shortlist::cmd
