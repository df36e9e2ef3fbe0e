// shortlist screen: the main command. Its phases read like SPEC 1:
// parse options -> load and check rules -> open outputs -> stream and decide
// -> rank -> write -> rename -> summary -> exit code.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "exit_code.hpp"
#include "interrupt_guard.hpp"
#include "output_paths.hpp"
#include "progress_bar.hpp"
#include "shortlist/atomic_file.hpp"
#include "shortlist/gzip_output.hpp"
#include "shortlist/output_error.hpp"
#include "shortlist/screen_run.hpp"
#include "shortlist/sha256.hpp"
#include "summary_printer.hpp"
#include "usage_error.hpp"

namespace shortlist::cmd {
namespace {

struct ScreenFlags {
  std::string rules;
  InputFlags input;
  std::string output;
  std::string format;
  std::vector<std::string> statuses;
  std::string decisions;
  std::string rejects;
  std::string summary;
  std::vector<std::string> profiles;
  int threads = 0;
  int sort_memory_mib = 32;
  std::size_t block_size = 0;  // undocumented: for tests of records across block edges
  bool strict = false;
  bool stats = false;
  bool quiet = false;
  bool no_progress = false;
};

// Resolves --profile ids to indices; prints an error for an unknown one.
std::optional<std::vector<int>> select_profiles(const Rules& rules,
                                                const std::vector<std::string>& ids) {
  std::vector<int> out;
  std::vector<std::string> known;
  for (const auto& p : rules.profiles) known.push_back(p.id);
  for (const auto& id : ids) {
    auto it = std::find(known.begin(), known.end(), id);
    if (it == known.end()) {
      std::string hint = suggest(id, known);
      print_error("unknown profile '" + id + "'" +
                  (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
      return std::nullopt;
    }
    out.push_back(static_cast<int>(it - known.begin()));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<std::vector<Status>> parse_statuses(const std::vector<std::string>& names) {
  if (names.empty()) return std::vector<Status>{Status::kShortlisted};
  std::vector<Status> out;
  for (const auto& name : names) {
    auto s = parse_status(name);
    if (!s || *s == Status::kInvalid || *s == Status::kNoProfile) {
      print_error("unknown status '" + name +
                  "' for --status (expected shortlisted, reserve, below-cutoff, ineligible, "
                  "review or duplicate" +
                  did_you_mean(name, {"shortlisted", "reserve", "below-cutoff", "ineligible",
                                      "review", "duplicate"}) +
                  ")");
      return std::nullopt;
    }
    out.push_back(*s);
  }
  return out;
}

std::vector<NamedPath> named_outputs(const ScreenFlags& flags) {
  return {{"-o", flags.output},
          {"--decisions", flags.decisions},
          {"--rejects", flags.rejects},
          {"--summary", flags.summary}};
}

std::vector<NamedPath> named_reads(const ScreenFlags& flags) {
  std::vector<NamedPath> out{{"rules file", flags.rules}};
  for (const auto& path : flags.input.paths) out.push_back({"input", path});
  return out;
}

// --strict (SPEC 1 v1.1): every record must have been read, screened by a
// profile and decided without a person. Says which statuses and how many,
// then the first kFailedNamed of each status in input order (the same
// whatever --threads), with their sources, so that a CI log shows where to
// look; even with -q: a failed check that says nothing leaves CI logs mute.
//
//   shortlist: error: --strict: 3 failed: 1 invalid, 2 review
//     invalid     a.csv:9  (4 fields, expected 6)
//     review      a.csv:4  (missing-id)
//     review      a.csv:12
//     (and 40 more review; see --decisions)
//
// A record in review for two profiles counts, and is named, once for each
// (with the profile's id when more than one profile was screened).
bool strict_check(const Rules& rules, const ScreenSummary& summary) {
  std::int64_t review = 0;
  for (const auto& c : summary.counts) review += c[static_cast<std::size_t>(Status::kReview)];
  struct Failing {
    std::int64_t count;
    const char* name;
    const FirstFailed* named;
    const char* see;
  };
  const Failing failing[] = {
      {summary.invalid, "invalid", &summary.failed.invalid, "--rejects or --decisions"},
      {review, "review", &summary.failed.review, "--decisions"},
      {summary.no_profile, "no-profile", &summary.failed.no_profile, "--decisions"}};
  std::string found;
  std::int64_t total = 0;
  for (const Failing& f : failing) {
    if (f.count == 0) continue;
    found += (found.empty() ? "" : ", ") + std::to_string(f.count) + " " + f.name;
    total += f.count;
  }
  if (found.empty()) return true;
  const bool profiles_named = summary.profiles.size() > 1;
  std::string list;
  for (const Failing& f : failing) {
    for (const FailedDecision& d : f.named->list()) {
      std::string why = d.reason;
      if (profiles_named && d.profile >= 0) {
        const std::string& id = rules.profiles[static_cast<std::size_t>(d.profile)].id;
        why = why.empty() ? id : id + ": " + why;
      }
      list += fmt::format("  {:<10}  {}{}\n", f.name, d.source, why.empty() ? "" : "  (" + why + ")");
    }
    const auto named = static_cast<std::int64_t>(f.named->list().size());
    if (f.count > named)
      list += fmt::format("  (and {} more {}; see {})\n", f.count - named, f.name, f.see);
  }
  print_error("--strict: " + std::to_string(total) + " failed: " + found);
  std::fputs(list.c_str(), stderr);
  return false;
}

int run(const ScreenFlags& flags) {
  // Options.
  auto inputs = input_options(flags.input);
  if (!inputs) return kExitUsage;
  auto statuses = parse_statuses(flags.statuses);
  if (!statuses) return kExitUsage;
  ScreenOptions options;
  options.inputs = std::move(*inputs);
  // Only the decision record names the inputs' SHA-256.
  for (auto& input : options.inputs) input.hash = !flags.decisions.empty();
  options.list_statuses = *statuses;
  options.memory_budget = static_cast<std::size_t>(flags.sort_memory_mib) << 20;
  options.threads = thread_count(flags.threads);
  options.name_failed = flags.strict;
  // A CSV block is every whole record of the text read when it is cut, so
  // inputs are read in pieces of the block size, or of 1 MiB at most. Tests
  // make the blocks tiny (an undocumented option): records, quoted line
  // ends, CRLFs and UTF-8 sequences then fall across every kind of edge.
  if (flags.block_size > 0) options.block_size = flags.block_size;
  for (auto& input : options.inputs)
    input.chunk_size = std::min<std::size_t>(options.block_size, std::size_t{1} << 20);
  // SPEC 1 v1.1: a `.gz` after the name compresses, whatever the format
  // (standard output stays plain). The format is then named by what comes
  // before the `.gz`, or by -f.
  const bool gzip_shortlist = flags.output != "-" && names_gzip(flags.output);
  const std::string named = std::string(without_gz(flags.output));
  const std::string known =
      " (known: .csv .tsv .json .jsonl .ndjson .md, each optionally followed by .gz, or .xlsx; "
      "or choose one with -f)";
  // An .xlsx file is a zip archive, compressed already.
  if (gzip_shortlist &&
      (flags.format == "xlsx" ||
       (flags.format.empty() && shortlist_format_from_path(named) == ShortlistFormat::kXlsx))) {
    print_error("-o '" + flags.output + "': xlsx is not written gzip-compressed" + known);
    return kExitUsage;
  }
  if (!flags.format.empty()) {
    auto f = parse_shortlist_format(flags.format);
    if (!f) {
      print_error("unknown format '" + flags.format +
                  "' (expected csv, tsv, json, jsonl, md or xlsx" +
                  did_you_mean(flags.format, {"csv", "tsv", "json", "jsonl", "md", "xlsx"}) + ")");
      return kExitUsage;
    }
    options.format = *f;
  } else if (!flags.output.empty()) {
    // SPEC 1 v1.1: an extension the tool does not know, without -f, is a
    // usage error, never CSV under another format's name. A name without an
    // extension (`-o shortlist`, `/dev/stdout`) is CSV.
    // `-o shortlist.gz` names no format: the usage error says so.
    auto f = shortlist_format_from_path(named);
    const std::string extension = std::filesystem::path(named).extension().string();
    if (!f && (!extension.empty() || gzip_shortlist) && flags.output != "-") {
      print_error("-o '" + flags.output + "': " +
                  (extension.empty()
                       ? std::string("'.gz' alone names no shortlist format")
                       : "the extension '" + extension + (gzip_shortlist ? ".gz" : "") +
                             "' names no shortlist format") +
                  known);
      return kExitUsage;
    }
    options.format = f.value_or(ShortlistFormat::kCsv);
  }
  // A workbook is bytes no terminal can show: refused there, as gzip does.
  const bool to_stdout = flags.output.empty() || flags.output == "-";
  if (options.format == ShortlistFormat::kXlsx && to_stdout && ::isatty(STDOUT_FILENO)) {
    print_error("an xlsx shortlist is not written to a terminal; name a file with -o, or "
                "redirect standard output");
    return kExitUsage;
  }

  // `-` is standard output for the decision record and the rejects as it is
  // for -o; two outputs there (`-`, /dev/stdout, /dev/fd/1...) would run into
  // each other, so only one may go.
  {
    const auto standard_output = [](const std::string& path) {
      return path == "-" || own_descriptor(path) == STDOUT_FILENO;
    };
    std::vector<std::string> to_standard_output;
    if (to_stdout || standard_output(flags.output)) to_standard_output.push_back("the shortlist (-o)");
    if (standard_output(flags.decisions)) to_standard_output.push_back("--decisions");
    if (standard_output(flags.rejects)) to_standard_output.push_back("--rejects");
    if (to_standard_output.size() > 1) {
      std::string names;
      for (std::size_t i = 0; i < to_standard_output.size(); ++i)
        names += (i == 0 ? "" : i + 1 == to_standard_output.size() ? " and " : ", ") + to_standard_output[i];
      print_error(names + (to_standard_output.size() == 2 ? " would both" : " would all") +
                  " write to standard output; name a file for all but one");
      return kExitUsage;
    }
  }

  std::optional<SummaryFormat> summary_format;
  if (!flags.summary.empty()) {
    summary_format = summary_format_from_path(flags.summary);
    if (!summary_format) {
      print_error("--summary '" + flags.summary + "': the name must end in .json or .md");
      return kExitUsage;
    }
  }

  // An output that would replace an input, the rules or another output: refused
  // before anything is read.
  if (auto clash = output_path_clash(named_outputs(flags), named_reads(flags))) {
    print_error(*clash);
    return kExitUsage;
  }

  // Rules: every error reported, then one checkpoint.
  std::string rules_bytes;
  auto rules = load_rules_reporting(flags.rules, &rules_bytes);
  if (!rules) return kExitRules;
  auto selected = select_profiles(*rules, flags.profiles);
  if (!selected) return kExitUsage;
  options.profiles = *selected;
  RunProgress run_progress;
  if (progress_wanted(flags.quiet, flags.no_progress)) options.progress = &run_progress;
  // Only the decision record and the summary name the rules' SHA-256 (and
  // setting up OpenSSL's digests takes 2 ms before the first record).
  if (!flags.decisions.empty() || !flags.summary.empty())
    options.rules_sha256 = sha256_hex(rules_bytes);

  // Before any thread starts: Ctrl-C and SIGTERM stop the run cleanly.
  InterruptGuard interrupts;
  options.stop = interrupts.flag();
  options.on_scratch = [&interrupts](const std::filesystem::path& p) {
    interrupts.remove_on_exit(p);
  };
  try {
    // Outputs are opened before any work so that an unwritable folder fails fast.
    std::unique_ptr<AtomicFile> shortlist_file, decisions_file, rejects_file, summary_file;
    // A name that ends in .gz is written gzip-compressed. A workbook is
    // written by path: to standard output, through a file under $TMPDIR that
    // is copied out on commit (as for /dev/stdout).
    const auto compression = [](const std::string& path) {
      return names_gzip(path) ? AtomicFile::Compression::kGzip : AtomicFile::Compression::kNone;
    };
    const bool xlsx = options.format == ShortlistFormat::kXlsx;
    if (!to_stdout)
      shortlist_file = std::make_unique<AtomicFile>(flags.output, false, compression(flags.output));
    else if (xlsx)
      shortlist_file = std::make_unique<AtomicFile>("/dev/stdout", false);
    // `-` is written as /dev/stdout is: through a file under $TMPDIR, copied
    // out when the run succeeds.
    const auto target = [](const std::string& path) { return path == "-" ? std::string("/dev/stdout") : path; };
    if (!flags.decisions.empty())
      decisions_file = std::make_unique<AtomicFile>(target(flags.decisions), true, compression(flags.decisions));
    if (!flags.rejects.empty())
      rejects_file = std::make_unique<AtomicFile>(target(flags.rejects), true, compression(flags.rejects));
    if (!flags.summary.empty()) summary_file = std::make_unique<AtomicFile>(flags.summary, false);
    for (auto* f : {shortlist_file.get(), decisions_file.get(), rejects_file.get(), summary_file.get()})
      if (f) interrupts.remove_on_exit(f->temp_path());
    ScreenOutputs outputs;
    if (xlsx)
      outputs.shortlist_file = &shortlist_file->temp_path();
    else
      outputs.shortlist = shortlist_file ? &shortlist_file->stream() : &std::cout;
    if (decisions_file) {
      outputs.decisions = &decisions_file->stream();
      // A record built in its own file is overwritten in place, which a
      // compressed one cannot be: that one is spooled, then written through
      // the stream.
      if (!names_gzip(flags.decisions)) outputs.decisions_file = &decisions_file->temp_path();
    }
    if (rejects_file) outputs.rejects = &rejects_file->stream();

    // The bar's thread is made here, after the guard (it takes no signal),
    // and gone, its line cleared, before anything else is printed: stopped
    // below, or on the way out to a catch.
    std::optional<ProgressBar> bar;
    if (options.progress)
      bar.emplace(*options.progress, total_input_bytes(options.inputs), options.stop);
    ScreenSummary summary = run_screening(*rules, options, outputs);
    if (bar) bar->stop();
    if (summary_file)
      summary_file->stream() << summary_document(*summary_format, *rules, options.rules_sha256, summary);

    // Every output is complete on disk before the first one replaces its target.
    for (auto* f : {decisions_file.get(), rejects_file.get(), shortlist_file.get(), summary_file.get()})
      if (f) f->finish();
    check_stop(options.stop);  // the last moment a stop leaves every target as it was
    interrupts.commit_begins();
    for (auto* f : {decisions_file.get(), rejects_file.get(), shortlist_file.get(), summary_file.get()})
      if (f) f->commit();
    std::cout.flush();
    if (!std::cout) throw OutputError("standard output: cannot write");
    if (!flags.quiet) {
      print_summary(*rules, summary);
      print_encoding_hint(summary);
    }
    if (flags.stats) print_stats(summary);
    if (flags.strict && !strict_check(*rules, summary)) return kExitCheckFailed;
    return kExitOk;
  } catch (const InputError& e) {
    return report_input_error(e);
  } catch (const OutputError& e) {
    return report_output_error(e);
  } catch (const Interrupted& e) {
    return report_interrupted(e);
  }
}

}  // namespace

void add_screen(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ScreenFlags>();
  auto* sub = app.add_subcommand("screen", "Screen applicants; write the shortlist, decisions and rejects");
  sub->add_option("-r,--rules", flags->rules, "Rules file (YAML)")->required();
  sub->add_option("inputs", flags->input.paths, "Applicant files (csv, tsv, json, jsonl, optionally .gz; xlsx), or - for standard input")
      ->required();
  sub->add_option("-o,--output", flags->output,
                  "Shortlist file (default: standard output); gzip-compressed when the name ends "
                  "in .gz");
  sub->add_option("-f,--format", flags->format, "Shortlist format: csv, tsv, json, jsonl, md or xlsx (default: from -o, else csv)");
  sub->add_option("--status", flags->statuses, "Statuses the shortlist lists (default: shortlisted)")
      ->delimiter(',');
  sub->add_option("--decisions", flags->decisions,
                  "Write the decision record (JSON Lines) to this file (.gz: compressed; -: standard output)");
  sub->add_option("--rejects", flags->rejects,
                  "Write records that could not be read to this file (.gz: compressed; -: standard output)");
  sub->add_option("--summary", flags->summary,
                  "Write the run's summary to this file: JSON (.json) or Markdown (.md, to add "
                  "to $GITHUB_STEP_SUMMARY)");
  sub->add_option("--profile", flags->profiles, "Screen only this profile (repeatable)");
  add_input_flags(*sub, flags->input);
  sub->add_option("--threads", flags->threads, "Worker threads (default: all cores); outputs never depend on it")
      ->check(CLI::Range(0, 1024));
  sub->add_option("--sort-memory", flags->sort_memory_mib,
                  "MiB each sort (duplicates, ranks) keeps in memory before spilling to $TMPDIR")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  // Not in --help (an empty group hides it): tests use it to make blocks tiny.
  sub->add_option("--block-size", flags->block_size)->check(CLI::Range(1, 1 << 30))->group("");
  sub->add_flag("--strict", flags->strict,
                "Exit 1 if any record is invalid, in review or matched no profile, naming the "
                "first 10 of each (even with -q)");
  sub->add_flag("--stats", flags->stats,
                "Print each phase's time, items and MB/s on standard error (even with -q)");
  sub->add_flag("-q,--quiet", flags->quiet, "Print no summary");
  sub->add_flag("--no-progress", flags->no_progress, "Show no progress (it is shown only on a terminal)");
  sub->footer(
      "Examples:\n"
      "  shortlist screen -r rules.yaml applicants.csv\n"
      "  shortlist screen -r rules.yaml a.csv b.jsonl.gz -o shortlist.md --decisions decisions.jsonl\n"
      "  shortlist screen -r rules.yaml --status shortlisted,reserve -f json - < export.json "
      "--input-format json");
  sub->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace shortlist::cmd
