// Colour on standard error (see colour.hpp). The decision is cached: every
// diagnostic of a run asks, and isatty and getenv need not run each time.
#include "colour.hpp"

#include <cstdlib>
#include <cstring>

#include "common.hpp"

namespace shortlist::cmd {
namespace {

ColourMode g_mode = ColourMode::kAuto;
std::optional<bool> g_decided;

const char* code_of(Paint paint) {
  switch (paint) {
    case Paint::kError: return "\033[1;31m";
    case Paint::kWarning: return "\033[1;35m";
    case Paint::kLocation: return "\033[1m";
    case Paint::kCaret: return "\033[1;32m";
    case Paint::kGood: return "\033[32m";
    case Paint::kAttention: return "\033[33m";
    case Paint::kBad: return "\033[31m";
  }
  return "";
}

}  // namespace

std::optional<ColourMode> parse_colour_mode(std::string_view word) {
  if (word == "never") return ColourMode::kNever;
  if (word == "auto") return ColourMode::kAuto;
  if (word == "always") return ColourMode::kAlways;
  return std::nullopt;
}

bool colour_wanted(ColourMode mode, bool stderr_terminal, const char* no_color, const char* term) {
  if (mode != ColourMode::kAuto) return mode == ColourMode::kAlways;
  if (!stderr_terminal) return false;
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return term == nullptr || std::strcmp(term, "dumb") != 0;
}

void set_colour_mode(ColourMode mode) {
  g_mode = mode;
  g_decided.reset();
}

bool colour_on_stderr() {
  if (!g_decided)
    g_decided = colour_wanted(g_mode, stderr_is_terminal(), std::getenv("NO_COLOR"),
                              std::getenv("TERM"));
  return *g_decided;
}

void add_colour_option(CLI::App& app) {
  auto add = [](CLI::App& to) {
    to.add_option_function<std::string>(
          "--color",
          [](const std::string& word) {
            if (auto mode = parse_colour_mode(word)) set_colour_mode(*mode);
          },
          "Colour on standard error: never, auto (on a terminal, unless NO_COLOR is set) or "
          "always")
        ->check(CLI::IsMember({"never", "auto", "always"}))
        ->type_name("WHEN")
        ->default_str("auto");
  };
  add(app);
  for (CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) add(*command);
}

std::string paint(std::string_view text, Paint paint) {
  if (!colour_on_stderr() || text.empty()) return std::string(text);
  std::string out = code_of(paint);
  out += text;
  out += "\033[0m";
  return out;
}

}  // namespace shortlist::cmd
