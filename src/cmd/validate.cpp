// shortlist validate: checks a rules file, and optionally that an input's
// columns cover the fields the rules map; prints what it found as text, JSON
// or GitHub annotations.
#include <cstdio>
#include <memory>

#include "check_format.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "exit_code.hpp"
#include "shortlist/json_writer.hpp"
#include "shortlist/profile_coverage.hpp"

namespace shortlist::cmd {
namespace {

struct ValidateFlags {
  std::string rules;
  InputFlags input;
  bool quiet = false;
  std::string format;
};

// One pass over the input (standard input cannot be read twice): the names it
// offers (the CSV header, or the keys of the first readable JSON record: JSON
// records may differ, so this is a sample, said in the docs), and through the
// profiles' `when`s, every record.
int check_input(const Rules& rules, const InputOptions& input, std::vector<Diagnostic>& out) {
  auto reader = open_reader(input);
  std::vector<std::string> names = reader->header();
  const std::int64_t header_line = reader->header_line();
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
    out.push_back({Diagnostic::Severity::kError, input.path, {header_line, 1},
                  "no column for field '" + field.name + "' (expected " + expected + ")"});
  }
  for (const auto& name : names) {
    bool used = false;
    for (const auto& field : rules.fields)
      used |= std::find(field.columns.begin(), field.columns.end(), name) != field.columns.end();
    // A nameless column (a header cell left empty) is no column anyone named.
    if (!used && !name.empty() && name.find('.') == std::string::npos)
      out.push_back({Diagnostic::Severity::kWarning, input.path, {header_line, 1},
                     "column '" + name + "' is not used by any field"});
  }
  if (missing) return kExitCheckFailed;
  // A profile that would screen nobody is a warning, not an error (the input
  // may be a sample).
  for (Diagnostic& d : coverage_warnings(rules, input.path, coverage.result()))
    out.push_back(std::move(d));
  return kExitOk;
}

// Prints the diagnostics and, unless quiet or the rules did not load, the
// verdict line, in `format`.
void print_found(CheckFormat format, const ValidateFlags& flags, const Rules* rules,
                 const std::vector<Diagnostic>& found, int code) {
  if (format == CheckFormat::kJson) {
    std::string out = "{\"rules\":";
    append_json_string(out, flags.rules);
    out += ",\"valid\":";
    out += code == kExitOk ? "true" : "false";
    out += ",\"exit\":" + std::to_string(code);
    if (rules != nullptr)
      out += ",\"profiles\":" + std::to_string(rules->profiles.size()) +
             ",\"fields\":" + std::to_string(rules->fields.size());
    out += ",\"diagnostics\":[";
    for (std::size_t i = 0; i < found.size(); ++i) {
      if (i > 0) out += ',';
      append_diagnostic_json(out, found[i]);
    }
    out += "]}\n";
    std::fputs(out.c_str(), stdout);
    return;
  }
  for (const Diagnostic& d : found) {
    if (format == CheckFormat::kGithub)
      std::printf("%s\n", github_annotation(d).c_str());
    else
      print_diagnostic(d, d.path == flags.rules);  // the rules' lines, not an applicant's
  }
  if (!flags.quiet && code == kExitOk && rules != nullptr)
    std::printf("%s: ok: %zu profile%s, %zu fields\n", flags.rules.c_str(), rules->profiles.size(),
                rules->profiles.size() == 1 ? "" : "s", rules->fields.size());
}

int run(const ValidateFlags& flags) {
  const auto format = parse_check_format(flags.format);
  if (!format) return kExitUsage;
  std::optional<std::vector<InputOptions>> inputs;
  if (!flags.input.paths.empty()) {
    inputs = input_options(flags.input);
    if (!inputs) return kExitUsage;
  }
  LoadedRules loaded = load_rules_file(flags.rules);
  std::vector<Diagnostic> found = std::move(loaded.diagnostics);
  int code = loaded.ok() ? kExitOk : kExitRules;
  if (loaded.ok() && inputs) {
    try {
      for (const auto& input : *inputs)
        code = std::max(code, check_input(*loaded.rules, input, found));
    } catch (const InputError& e) {
      found.push_back({Diagnostic::Severity::kError, e.path(), {e.line(), e.column()}, e.what()});
      code = kExitInput;
    }
  }
  print_found(*format, flags, loaded.rules.get(), found, code);
  std::fflush(stdout);
  return code;
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
  add_check_format_option(*sub, flags->format);
  sub->footer("Examples:\n  shortlist validate rules/eu-ai-office-2024.yaml\n"
              "  shortlist validate rules.yaml --input export.csv\n"
              "  shortlist validate rules.yaml --format github   # annotations in a GitHub Actions log\n"
              "Exit codes: 0 valid, 1 the input lacks a mapped column, 3 rules error, 4 input error.");
  sub->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace shortlist::cmd
