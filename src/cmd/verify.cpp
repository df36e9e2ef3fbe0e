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

#include "check_format.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "exit_code.hpp"
#include "interrupt_guard.hpp"
#include "run/scratch_dir.hpp"
#include "shortlist/json_writer.hpp"
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
  std::string format;
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
    if (flags.input.sheet.empty()) inputs[i].sheet = rec.sheet;
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
  // Compared by their text: the recorded one may be compressed, the
  // recomputed one is plain.
  return compare_decision_records(decisions, recomputed_path.string(), kShownDifferences);
}

std::string plural(std::int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// The one verdict line (SPEC 2 v1.1): OK, or FAILED naming what differs:
// the files whose hash changed, the decisions, the run and summary lines.
std::string verdict(const VerifyResult& r) {
  if (r.identical())
    return "verify: OK: " + plural(r.compared, "decision reproduces", "decisions reproduce") +
           "; the rules and " + plural(r.inputs, "input", "inputs") + " match their hashes";
  std::vector<std::string> parts;
  if (!r.changed_files.empty()) {
    std::string files;
    for (const auto& f : r.changed_files) files += (files.empty() ? "" : ", ") + f;
    parts.push_back("changed since the run (SHA-256): " + files);
  }
  if (r.differ > 0 || r.missing > 0 || r.extra > 0) {
    std::string d = std::to_string(r.differ) + " of " + plural(r.compared, "decision", "decisions") +
                    " differ";
    if (r.missing > 0) d += ", " + std::to_string(r.missing) + " missing from the record";
    if (r.extra > 0) d += ", " + std::to_string(r.extra) + " not recomputed";
    parts.push_back(d);
  } else {
    parts.push_back(r.compared == 1 ? "the 1 decision is the same"
                                    : "the " + std::to_string(r.compared) + " decisions are the same");
  }
  if (r.run_fields > 0) parts.push_back("the run line (" + plural(r.run_fields, "field", "fields") + ")");
  if (r.summary_fields > 0)
    parts.push_back("the summary line (" + plural(r.summary_fields, "field", "fields") + ")");
  if (r.malformed > 0)
    parts.push_back(plural(r.malformed, "line that is", "lines that are") +
                    " not a decision record's");
  std::string out = "verify: FAILED: ";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  return out;
}

// "a.csv:3 (A2, dev)" or "a.json:2:25 (...)" as file, line and column; a
// subject that names no place ("run", "summary") gives no file.
void place_of(const VerifyDifference& d, std::string& file, std::int64_t& line, std::int64_t& column) {
  file.clear();
  line = column = 0;
  if (d.kind == VerifyDifference::Kind::kHash) {
    file = d.subject;
    return;
  }
  const auto paren = d.subject.rfind(" (");
  if (paren == std::string::npos) return;
  std::string source = d.subject.substr(0, paren);
  auto number_at_end = [&](std::int64_t& n) {
    const auto colon = source.rfind(':');
    if (colon == std::string::npos || colon + 1 == source.size() ||
        source.find_first_not_of("0123456789", colon + 1) != std::string::npos)
      return false;
    n = std::stoll(source.substr(colon + 1));
    source.resize(colon);
    return true;
  };
  std::int64_t last = 0, before = 0;
  if (!number_at_end(last)) return;
  if (number_at_end(before)) {
    line = before;
    column = last;
  } else {
    line = last;
  }
  file = source;
}

void append_optional_json(std::string& out, const std::string& json_text, bool is_json) {
  if (json_text.empty())
    out += "null";
  else if (is_json)
    out += json_text;
  else
    append_json_string(out, json_text);
}

int report(const VerifyResult& result, CheckFormat format) {
  const std::int64_t more = result.total - static_cast<std::int64_t>(result.differences.size());
  if (format == CheckFormat::kJson) {
    std::string out = "{\"verdict\":";
    out += result.identical() ? "\"OK\"" : "\"FAILED\"";
    out += ",\"summary\":";
    append_json_string(out, verdict(result));
    out += ",\"compared\":" + std::to_string(result.compared) +
           ",\"differ\":" + std::to_string(result.differ) +
           ",\"missing\":" + std::to_string(result.missing) +
           ",\"extra\":" + std::to_string(result.extra) +
           ",\"inputs\":" + std::to_string(result.inputs) + ",\"changed_files\":[";
    for (std::size_t i = 0; i < result.changed_files.size(); ++i) {
      if (i > 0) out += ',';
      append_json_string(out, result.changed_files[i]);
    }
    out += "],\"differences\":[";
    for (std::size_t i = 0; i < result.differences.size(); ++i) {
      const VerifyDifference& d = result.differences[i];
      static constexpr const char* kKinds[] = {"field", "hash", "missing", "extra", "malformed"};
      // A field's values are minified JSON; a hash's are hex text.
      const bool values_are_json = d.kind == VerifyDifference::Kind::kField;
      if (i > 0) out += ',';
      out += "{\"kind\":\"";
      out += kKinds[static_cast<int>(d.kind)];
      out += "\",\"subject\":";
      append_json_string(out, d.subject);
      out += ",\"field\":";
      append_optional_json(out, d.field, false);
      out += ",\"recorded\":";
      append_optional_json(out, d.recorded, values_are_json);
      out += ",\"recomputed\":";
      append_optional_json(out, d.recomputed, values_are_json);
      out += ",\"message\":";
      append_json_string(out, describe(d));
      out += '}';
    }
    out += "],\"not_shown\":" + std::to_string(more) + ",\"notes\":[";
    for (std::size_t i = 0; i < result.notes.size(); ++i) {
      if (i > 0) out += ',';
      append_json_string(out, result.notes[i]);
    }
    out += "]}\n";
    std::fputs(out.c_str(), stdout);
    return result.identical() ? kExitOk : kExitCheckFailed;
  }
  const bool github = format == CheckFormat::kGithub;
  for (const auto& note : result.notes)
    std::printf("%s\n", github ? github_annotation("notice", "", 0, 0, note).c_str()
                               : ("note: " + note).c_str());
  std::string file;
  std::int64_t line = 0, column = 0;
  for (const auto& d : result.differences) {
    if (github) {
      place_of(d, file, line, column);
      std::printf("%s\n", github_annotation("error", file, line, column, describe(d)).c_str());
    } else {
      std::printf("%s\n", describe(d).c_str());
    }
  }
  if (more > 0) std::printf("verify: %lld more differences not shown\n", static_cast<long long>(more));
  const std::string line_text = verdict(result);
  std::printf("%s\n", github && !result.identical()
                          ? github_annotation("error", "", 0, 0, line_text).c_str()
                          : line_text.c_str());
  return result.identical() ? kExitOk : kExitCheckFailed;
}

int run(const VerifyFlags& flags) {
  const auto format = parse_check_format(flags.format);
  if (!format) return kExitUsage;
  auto inputs = input_options(flags.input);
  if (!inputs) return kExitUsage;
  std::string rules_bytes;
  auto rules = load_rules_reporting(flags.rules, &rules_bytes);
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
    options.rules_sha256 = sha256_hex(rules_bytes);
    options.threads = thread_count(flags.threads);
    int code =
        report(rescreen_and_compare(*rules, std::move(options), flags.decisions, interrupts),
               *format);
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
  add_check_format_option(*sub, flags->format);
  sub->footer(
      "Reads each input as the run did (format, encoding, delimiter from the record's run\n"
      "line) unless told otherwise. Prints at most the first 20 differences; exits 1 if\n"
      "there are any, 0 if the rules, inputs and every decision are unchanged. The last\n"
      "line is the verdict: 'verify: OK: ...' or 'verify: FAILED: ...' naming what differs.\n"
      "Examples:\n"
      "  shortlist screen -r rules.yaml a.csv --decisions decisions.jsonl\n"
      "  shortlist verify decisions.jsonl -r rules.yaml a.csv\n"
      "  shortlist verify decisions.jsonl -r rules.yaml a.csv b.jsonl.gz --threads 1\n"
      "  shortlist verify decisions.jsonl -r rules.yaml a.csv --format github");
  sub->callback([flags, sub, &exit_code] {
    flags->encoding_given = sub->count("--encoding") > 0;
    exit_code = run(*flags);
  });
}

}  // namespace shortlist::cmd
