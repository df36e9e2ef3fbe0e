#pragma once
// What several commands share: input options worded the same everywhere,
// loading rules with their diagnostics printed, and stderr messages.
#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "shortlist/diagnostic.hpp"
#include "shortlist/input.hpp"
#include "shortlist/interrupted.hpp"
#include "shortlist/rules.hpp"

namespace shortlist::cmd {

/// Options that say how to read inputs.
struct InputFlags {
  std::vector<std::string> paths;
  std::string format;     ///< --input-format
  std::string delimiter;  ///< --delimiter
  std::string encoding = "utf-8";
  std::string sheet;      ///< --sheet
};

/// Adds --input-format, --delimiter, --encoding and --sheet to `app`.
void add_input_flags(CLI::App& app, InputFlags& flags);
/// Turns the flags into reader options; prints an error and returns nullopt if
/// one is not valid (a usage error).
std::optional<std::vector<InputOptions>> input_options(const InputFlags& flags);

/// Loads `path` and prints every diagnostic to stderr; null if any is an error.
/// With `bytes`, also gives the bytes it read, for their SHA-256.
std::unique_ptr<Rules> load_rules_reporting(const std::string& path, std::string* bytes = nullptr);

/// "shortlist: error: message" on stderr ("error:" in red with colour).
void print_error(const std::string& message);
/// "shortlist: warning: message" on stderr.
void print_warning(const std::string& message);
/// A diagnostic as "path:line:col: error: message" on stderr; with
/// `show_source`, followed by the line it points into with a caret under
/// its column (see source_excerpt.hpp), for diagnostics of a rules file.
void print_diagnostic(const Diagnostic& d, bool show_source = false);

/// The worker threads for --threads N: N, or every core when N is 0.
int thread_count(int requested);

/// Prints an input error as "path:line:col: error: message" and returns exit 4.
int report_input_error(const InputError& e);
/// Prints an output error and returns exit 5.
int report_output_error(const std::exception& e);
/// Says that the run stopped, and nothing was written; returns 128 + signal.
int report_interrupted(const Interrupted& e);

/// Runs `body` and returns its exit code, or that of the error it threw, as
/// every command reports them: an input error (4), an output error (5), a
/// stop by a signal (128 + signal).
int reporting_errors(const std::function<int()>& body);

/// Lower-case hex SHA-256 of the file at `path`; nullopt when it cannot be read.
std::optional<std::string> file_sha256(const std::string& path);

/// A file (the rules, an input) found from a decision record's run line.
struct FoundFile {
  std::string path;        ///< "" when no file was found
  bool matches = false;    ///< its SHA-256 is the one the record names
};

/// The file a decision record names, looked for as recorded (relative to the
/// working folder), then relative to the record's folder (the run may have
/// been made in another folder), then by its name alone in the record's
/// folder (kept beside it). The first whose SHA-256 is `sha256` wins; else
/// the first that is a file, with `matches` false; else none (and always
/// none for standard input, "-").
FoundFile find_recorded_file(const std::string& decisions, const std::string& recorded,
                             const std::string& sha256);

/// True when standard error is a terminal.
bool stderr_is_terminal();

}  // namespace shortlist::cmd
