#pragma once
// What a usage error says (exit 2): the command it belongs to, "did you mean"
// for a misspelt option or value, and the help to read: that command's own
// (`shortlist screen --help`), or the top-level one for errors before any
// command.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace shortlist::cmd {

/// The command that was being parsed when `app`'s parse stopped; null when
/// none had been reached.
const CLI::App* parsed_command(const CLI::App& app);

/// Prints a CLI11 parse error of `app` ("shortlist screen: error: unknown
/// option '--frmat' (did you mean '--format'?)") and the help pointer; returns
/// exit code 2.
int report_parse_error(const CLI::App& app, const CLI::ParseError& e);

/// "Run 'shortlist COMMAND --help' for usage." on stderr, or 'shortlist
/// --help' when `command` is null.
void print_help_pointer(const CLI::App* command);

/// "; did you mean 'X'?" when one of `known` is close to `word` (see
/// shortlist::suggest); "" otherwise. For the end of "(expected ...)".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& known);

/// The long options (with "--") and short options (with "-") that `--help`
/// shows for `command`: the candidates for a misspelt option.
std::vector<std::string> option_names(const CLI::App& command);

}  // namespace shortlist::cmd
