#include "common.hpp"

#include "colour.hpp"
#include "exit_code.hpp"
#include "shortlist/output_error.hpp"
#include "shortlist/sha256.hpp"
#include "usage_error.hpp"
#include "source_excerpt.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>
#include <cstdio>
#include <thread>

namespace shortlist::cmd {

void add_input_flags(CLI::App& app, InputFlags& flags) {
  app.add_option("--input-format", flags.format,
                 "Input format: csv, tsv, json, jsonl or xlsx (default: from the extension)");
  app.add_option("--delimiter", flags.delimiter,
                 "CSV delimiter: ',' ';' '|' or 'tab' (default: detected from the header)");
  app.add_option("--encoding", flags.encoding, "Input encoding: utf-8, latin1 or windows-1252")
      ->capture_default_str();
  app.add_option("--sheet", flags.sheet, "XLSX: the worksheet to read (default: the first)");
}

namespace {

// SPEC 1 v1.1: the same file given twice would count every record twice, so
// it is a usage error, whether named by the same path or reached by another
// (a link, "./a.csv"): same device and inode.
bool inputs_distinct(const std::vector<std::string>& paths) {
  struct Seen {
    dev_t dev;
    ino_t ino;
    std::size_t index;
  };
  std::vector<Seen> seen;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::string& path = paths[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (paths[j] != path) continue;
      print_error(path == "-" ? std::string("standard input ('-') can be given only once")
                              : "input '" + path + "' is given twice");
      return false;
    }
    struct stat st {};
    if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    for (const Seen& earlier : seen) {
      if (earlier.dev != st.st_dev || earlier.ino != st.st_ino) continue;
      print_error("input '" + path + "' is the same file as input '" + paths[earlier.index] +
                  "'");
      return false;
    }
    seen.push_back({st.st_dev, st.st_ino, i});
  }
  return true;
}

}  // namespace

std::optional<std::vector<InputOptions>> input_options(const InputFlags& flags) {
  std::optional<InputFormat> format;
  if (!flags.format.empty()) {
    format = parse_input_format(flags.format);
    if (!format) {
      print_error("unknown input format '" + flags.format +
                  "' (expected csv, tsv, json, jsonl or xlsx" +
                  did_you_mean(flags.format, {"csv", "tsv", "json", "jsonl", "xlsx"}) + ")");
      return std::nullopt;
    }
  }
  char delimiter = 0;
  if (!flags.delimiter.empty()) {
    if (flags.delimiter == "tab" || flags.delimiter == "\\t" || flags.delimiter == "\t")
      delimiter = '\t';
    else if (flags.delimiter.size() == 1 && std::string_view(",;|").find(flags.delimiter[0]) !=
                                                std::string_view::npos)
      delimiter = flags.delimiter[0];
    else {
      print_error("unsupported delimiter '" + flags.delimiter + "' (expected , ; | or tab)");
      return std::nullopt;
    }
  }
  Encoding encoding = Encoding::kUtf8;
  if (flags.encoding == "latin1" || flags.encoding == "iso-8859-1")
    encoding = Encoding::kLatin1;
  else if (flags.encoding == "windows-1252" || flags.encoding == "cp1252")
    encoding = Encoding::kWindows1252;
  else if (flags.encoding != "utf-8" && flags.encoding != "utf8") {
    print_error("unknown encoding '" + flags.encoding +
                "' (expected utf-8, latin1 or windows-1252" +
                did_you_mean(flags.encoding, {"utf-8", "latin1", "windows-1252", "utf8",
                                              "iso-8859-1", "cp1252"}) +
                ")");
    return std::nullopt;
  }
  if (!inputs_distinct(flags.paths)) return std::nullopt;
  // --sheet names a worksheet: it means nothing unless a workbook is read.
  if (!flags.sheet.empty()) {
    const bool any_workbook = std::any_of(flags.paths.begin(), flags.paths.end(), [&](const auto& p) {
      return (format ? *format : format_from_extension(p).value_or(InputFormat::kCsv)) ==
             InputFormat::kXlsx;
    });
    if (!any_workbook) {
      print_error("--sheet '" + flags.sheet + "' is for XLSX inputs, and none is given");
      return std::nullopt;
    }
  }
  std::vector<InputOptions> out;
  for (const auto& path : flags.paths)
    out.push_back(InputOptions{path, format, delimiter, encoding, 0, true, flags.sheet, 0});
  return out;
}

std::unique_ptr<Rules> load_rules_reporting(const std::string& path, std::string* bytes) {
  LoadedRules loaded = load_rules_file(path);
  for (const auto& d : loaded.diagnostics) print_diagnostic(d, true);
  if (bytes) *bytes = std::move(loaded.bytes);
  return std::move(loaded.rules);
}

void print_error(const std::string& message) {
  std::fprintf(stderr, "shortlist: %s %s\n", paint("error:", Paint::kError).c_str(),
               message.c_str());
}

void print_warning(const std::string& message) {
  std::fprintf(stderr, "shortlist: %s %s\n", paint("warning:", Paint::kWarning).c_str(),
               message.c_str());
}

namespace {

// "path:line:col: error: message" with its parts painted; only called when
// standard error gets colour (without, each kind's formatted() is printed).
std::string painted_diagnostic(const Diagnostic& d) {
  std::string location;
  if (!d.path.empty()) location += d.path + ":";
  if (d.pos.line > 0) {
    location += std::to_string(d.pos.line) + ":";
    if (d.pos.column > 0) location += std::to_string(d.pos.column) + ":";
  }
  std::string out = location.empty() ? "" : paint(location, Paint::kLocation) + " ";
  out += d.severity == Diagnostic::Severity::kError ? paint("error:", Paint::kError)
                                                    : paint("warning:", Paint::kWarning);
  return out + " " + d.message;
}

}  // namespace

void print_diagnostic(const Diagnostic& d, bool show_source) {
  std::string out = colour_on_stderr() ? painted_diagnostic(d) : d.formatted();
  out += '\n';
  if (show_source) out += source_excerpt(d.path, d.pos.line, d.pos.column);
  std::fputs(out.c_str(), stderr);
}

int thread_count(int requested) {
  if (requested > 0) return requested;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

int report_input_error(const InputError& e) {
  if (colour_on_stderr())
    print_diagnostic({Diagnostic::Severity::kError, e.path(), {e.line(), e.column()}, e.what()});
  else
    std::fprintf(stderr, "%s\n", e.formatted().c_str());
  return kExitInput;
}

int report_output_error(const std::exception& e) {
  print_error(e.what());
  return kExitOutput;
}

int report_interrupted(const Interrupted& e) {
  std::fprintf(stderr, "shortlist: interrupted; no output written\n");
  return 128 + e.signal();
}

std::optional<std::string> file_sha256(const std::string& path) {
  std::error_code ec;
  if (path.empty() || !std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  Sha256 hash;
  std::string buffer(1 << 16, '\0');
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
    hash.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  if (in.bad()) return std::nullopt;
  return hash.hex_digest();
}

FoundFile find_recorded_file(const std::string& decisions, const std::string& recorded,
                             const std::string& sha256) {
  if (recorded.empty() || recorded == "-") return {};
  std::vector<std::string> candidates = {recorded};
  const std::filesystem::path folder = std::filesystem::path(decisions).parent_path();
  const auto add = [&](const std::filesystem::path& p) {
    for (const auto& c : candidates)
      if (std::filesystem::path(c).lexically_normal() == p.lexically_normal()) return;
    candidates.push_back(p.string());
  };
  if (std::filesystem::path(recorded).is_relative()) add(folder / recorded);
  // Kept together with the record, as docs/audit.md asks: the file itself
  // beside it, whatever folder the run named it from.
  add(folder / std::filesystem::path(recorded).filename());
  FoundFile first;
  for (const std::string& path : candidates) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) continue;
    const auto digest = file_sha256(path);
    if (digest && *digest == sha256) return {path, true};
    if (first.path.empty()) first.path = path;
  }
  return first;
}

int reporting_errors(const std::function<int()>& body) {
  try {
    return body();
  } catch (const InputError& e) {
    return report_input_error(e);
  } catch (const OutputError& e) {
    return report_output_error(e);
  } catch (const Interrupted& e) {
    return report_interrupted(e);
  }
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace shortlist::cmd
