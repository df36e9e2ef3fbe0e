// Fuzz target: the whole screening path, as `shortlist screen` runs it.
//
// The input is read as JSON (it starts with '['), JSON Lines (it starts with
// '{') or CSV/TSV (anything else), and screened by run_screening, the code
// behind `shortlist screen`, against one of two fixed rules files drawn by a
// hash of the input: the sample call's rules/eu-ai-office-2024.yaml, or
// fuzz/every_operator.yaml, which uses every operator, field type and order
// key the first does not. The decision record, rejects and shortlist are
// written to memory (the command's only extra is the atomic rename), and the
// run's scratch folder is made and removed by run_screening each time.
//
// Checked: the decision record is JSON Lines framed by a run line and a
// summary line, with as many decision lines as the summary counts and, for CSV
// and JSON Lines, one source location per record read (SPEC 4.1, "nothing is
// lost"); one rejects line per invalid record; and, for every other input, a
// second run with two threads, batches of one to three records and a tiny
// sort budget (so that every sorter spills to disk and merges) gives
// byte-identical outputs (SPEC 4.3).
#include <simdjson.h>

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "shortlist/output_error.hpp"
#include "shortlist/rules.hpp"
#include "shortlist/screen_run.hpp"

namespace {

using shortlist::InputFormat;
using shortlist::Rules;
using shortlist::ScreenOptions;
using shortlist::ScreenSummary;

shortlist::LoadedRules load_fixed(const char* name) {
  const std::string path = std::string(SHORTLIST_SOURCE_DIR) + "/" + name;
  shortlist::LoadedRules loaded = shortlist::load_rules_file(path);
  for (const auto& d : loaded.diagnostics) std::fprintf(stderr, "%s\n", d.formatted().c_str());
  SHORTLIST_FUZZ_CHECK(loaded.ok());
  return loaded;
}

const Rules& fixed_rules(int which) {
  static const shortlist::LoadedRules sample = load_fixed("rules/eu-ai-office-2024.yaml");
  static const shortlist::LoadedRules every_operator = load_fixed("fuzz/every_operator.yaml");
  return which == 0 ? *sample.rules : *every_operator.rules;
}

// Scratch files in memory when the system offers a tmpfs: the run's spool and
// sort files are made and removed on every input.
std::filesystem::path scratch_parent() {
  std::error_code error;
  if (std::filesystem::is_directory("/dev/shm", error) && ::access("/dev/shm", W_OK) == 0)
    return "/dev/shm";
  return {};
}

InputFormat sniff_format(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '[') return InputFormat::kJson;
  if (first != std::string_view::npos && text[first] == '{') return InputFormat::kJsonl;
  return InputFormat::kCsv;
}

struct Outcome {
  std::string shortlist, decisions, rejects;
  ScreenSummary summary;
  std::string error;  ///< an InputError's or OutputError's message
};

Outcome screen(const Rules& rules, const ScreenOptions& options) {
  std::ostringstream shortlist_out, decisions_out, rejects_out;
  Outcome out;
  try {
    out.summary = shortlist::run_screening(rules, options,
                                           {&shortlist_out, &decisions_out, &rejects_out});
  } catch (const shortlist::InputError& e) {
    out.error = e.formatted();
  } catch (const shortlist::OutputError& e) {
    out.error = std::string("output: ") + e.what();
  }
  out.shortlist = shortlist_out.str();
  out.decisions = decisions_out.str();
  out.rejects = rejects_out.str();
  return out;
}

std::int64_t count_lines(const std::string& text) {
  std::int64_t n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

// The decision record of a finished run: JSON Lines, a run line first, a
// summary line last, and one decision line per invalid record, per record that
// matched no profile, and per profile decision counted in the summary. (SPEC
// 4.1 counts records as distinct source locations, but two elements of a JSON
// array can start on one line, so that holds only for CSV and JSON Lines.)
void check_decisions(const Outcome& run, bool one_record_a_line) {
  static simdjson::dom::parser parser;
  std::istringstream lines(run.decisions);
  std::string line, kind, last_kind;
  std::set<std::string> sources;
  std::int64_t n = 0;
  std::int64_t decisions = 0;
  while (std::getline(lines, line)) {
    simdjson::dom::element element;
    SHORTLIST_FUZZ_CHECK(!parser.parse(line).get(element));
    std::string_view value;
    SHORTLIST_FUZZ_CHECK(!element["kind"].get(value));
    kind = std::string(value);
    SHORTLIST_FUZZ_CHECK((n == 0) == (kind == "run"));
    if (kind == "decision") {
      SHORTLIST_FUZZ_CHECK(!element["source"].get(value));
      sources.insert(std::string(value));
      ++decisions;
    }
    ++n;
  }
  SHORTLIST_FUZZ_CHECK(kind == "summary");
  std::int64_t expected = run.summary.invalid + run.summary.no_profile;
  for (const auto& counts : run.summary.counts)
    for (std::int64_t count : counts) expected += count;
  SHORTLIST_FUZZ_CHECK(decisions == expected);
  const auto distinct = static_cast<std::int64_t>(sources.size());
  SHORTLIST_FUZZ_CHECK(one_record_a_line ? distinct == run.summary.records
                                         : distinct <= run.summary.records);
  SHORTLIST_FUZZ_CHECK(count_lines(run.rejects) == run.summary.invalid);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static constexpr shortlist::ShortlistFormat kFormats[] = {
      shortlist::ShortlistFormat::kCsv, shortlist::ShortlistFormat::kTsv,
      shortlist::ShortlistFormat::kJson, shortlist::ShortlistFormat::kJsonl,
      shortlist::ShortlistFormat::kMarkdown};
  const std::uint64_t hash = shortlist::fuzz::hash_bytes(data, size);
  auto& file = shortlist::fuzz::input_file();
  file.assign(data, size);

  shortlist::InputOptions input;
  input.path = file.path();
  input.format = sniff_format(std::string_view(reinterpret_cast<const char*>(data), size));
  input.encoding = shortlist::fuzz::drawn_encoding(hash);
  ScreenOptions options;
  options.inputs = {input};
  options.rules_sha256 = std::string(64, '0');
  static const std::filesystem::path scratch = scratch_parent();
  options.temp_dir = scratch;
  options.format = kFormats[(hash >> 4) % 5];
  if ((hash >> 12) % 2 == 1)
    options.list_statuses.assign(shortlist::kProfileStatuses.begin(),
                                 shortlist::kProfileStatuses.end());

  const bool one_record_a_line = input.format != InputFormat::kJson;
  const Rules& rules = fixed_rules(static_cast<int>(hash % 2));
  const Outcome first = screen(rules, options);
  if (first.error.empty()) check_decisions(first, one_record_a_line);

  // Every other input only: each run opens its input with a 1 MiB buffer,
  // which costs more than screening a few kilobytes, and the fuzzer is slow
  // enough already.
  if ((hash >> 20) % 2 == 1) return 0;
  ScreenOptions split = options;
  split.threads = 2;
  split.batch_size = 1 + (hash >> 16) % 3;
  split.memory_budget = 1024;
  const Outcome second = screen(rules, split);
  SHORTLIST_FUZZ_CHECK(first.error == second.error);
  SHORTLIST_FUZZ_CHECK(first.decisions == second.decisions);
  SHORTLIST_FUZZ_CHECK(first.rejects == second.rejects);
  SHORTLIST_FUZZ_CHECK(first.shortlist == second.shortlist);
  return 0;
}
