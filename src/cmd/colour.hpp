#pragma once
// Colour on standard error: whether to use it, decided once per process from
// --color, the terminal and the environment, and the few styles the commands
// paint diagnostics and the run's summary with. Without colour every message
// is byte for byte what it would be if this file did not exist.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace shortlist::cmd {

/// --color: never, auto (the default) or always.
enum class ColourMode { kNever, kAuto, kAlways };

/// "never", "auto" or "always"; nullopt for any other word.
std::optional<ColourMode> parse_colour_mode(std::string_view word);

/// The decision itself, apart from the process: `always` and `never` say it;
/// `auto` colours only a terminal, and only when NO_COLOR is unset or empty
/// (no-color.org) and TERM is not "dumb". Null pointers are unset variables.
bool colour_wanted(ColourMode mode, bool stderr_terminal, const char* no_color, const char* term);

/// Sets the mode (from --color); the decision is made again at its next use.
void set_colour_mode(ColourMode mode);
/// Whether standard error gets colour: decided at the first call after the
/// mode was set, from the mode, isatty(2), NO_COLOR and TERM.
bool colour_on_stderr();

/// Adds --color WHEN to `app` and to each of its commands (add them first),
/// so that it may come before or after the command; its value sets the
/// mode. Given both before and after, the one after wins.
void add_colour_option(CLI::App& app);

/// What a piece of text is, for its colour.
enum class Paint {
  kError,     ///< "error:": bold red
  kWarning,   ///< "warning:": bold magenta
  kLocation,  ///< "path:line:col:": bold
  kCaret,     ///< the caret under a column: bold green
  kGood,      ///< shortlisted, reserve: green
  kAttention, ///< review, duplicate: yellow
  kBad,       ///< invalid records: red
};

/// `text` wrapped in the ANSI codes of `paint` when standard error gets
/// colour; `text` itself otherwise.
std::string paint(std::string_view text, Paint paint);

}  // namespace shortlist::cmd
