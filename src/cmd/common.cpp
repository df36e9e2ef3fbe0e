#include "common.hpp"

#include "exit_code.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <thread>

namespace shortlist::cmd {

void add_input_flags(CLI::App& app, InputFlags& flags) {
  app.add_option("--input-format", flags.format,
                 "Input format: csv, tsv, json or jsonl (default: from the extension)");
  app.add_option("--delimiter", flags.delimiter,
                 "CSV delimiter: ',' ';' '|' or 'tab' (default: detected from the header)");
  app.add_option("--encoding", flags.encoding, "Input encoding: utf-8, latin1 or windows-1252")
      ->capture_default_str();
}

std::optional<std::vector<InputOptions>> input_options(const InputFlags& flags) {
  std::optional<InputFormat> format;
  if (!flags.format.empty()) {
    format = parse_input_format(flags.format);
    if (!format) {
      print_error("unknown input format '" + flags.format + "' (expected csv, tsv, json or jsonl)");
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
                "' (expected utf-8, latin1 or windows-1252)");
    return std::nullopt;
  }
  int stdin_count = 0;
  std::vector<InputOptions> out;
  for (const auto& path : flags.paths) {
    if (path == "-" && ++stdin_count > 1) {
      print_error("standard input ('-') can be given only once");
      return std::nullopt;
    }
    out.push_back(InputOptions{path, format, delimiter, encoding});
  }
  return out;
}

std::unique_ptr<Rules> load_rules_reporting(const std::string& path) {
  LoadedRules loaded = load_rules_file(path);
  for (const auto& d : loaded.diagnostics) print_diagnostic(d);
  return std::move(loaded.rules);
}

void print_error(const std::string& message) {
  std::fprintf(stderr, "shortlist: error: %s\n", message.c_str());
}

void print_warning(const std::string& message) {
  std::fprintf(stderr, "shortlist: warning: %s\n", message.c_str());
}

void print_diagnostic(const Diagnostic& d) {
  std::fprintf(stderr, "%s\n", d.formatted().c_str());
}

int thread_count(int requested) {
  if (requested > 0) return requested;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

int report_input_error(const InputError& e) {
  std::fprintf(stderr, "%s\n", e.formatted().c_str());
  return kExitInput;
}

int report_output_error(const std::exception& e) {
  print_error(e.what());
  return kExitOutput;
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace shortlist::cmd
