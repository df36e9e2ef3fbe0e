// Usage errors: which command, what was meant, and where its usage is.
//
// CLI11 parses on after an unknown option and fails at the end with
// ExtrasError ("The following argument was not expected: --frmat"), thrown by
// the app that kept the argument: the top-level app for what came before the
// command, else the command itself. So the arguments left over are read back
// from those apps, each unknown option is named with the closest option of
// that command, and the error points to that command's help.
#include "usage_error.hpp"

#include <cstdio>

#include "shortlist/diagnostic.hpp"

namespace shortlist::cmd {
namespace {

std::string program_name(const CLI::App* command) {
  return command ? "shortlist " + command->get_name() : std::string("shortlist");
}

// "--fromat=csv" is the option "--fromat".
std::string option_part(const std::string& arg) {
  if (arg.rfind("--", 0) != 0) return arg;
  return arg.substr(0, arg.find('='));
}

// The lines an ExtrasError of `owner` stands for: each unknown option with a
// suggestion; when there is none, the stray arguments.
std::vector<std::string> extras_messages(const CLI::App& owner) {
  std::vector<std::string> options, others;
  std::vector<std::string> long_names;
  for (const std::string& name : option_names(owner))
    if (name.rfind("--", 0) == 0) long_names.push_back(name);
  for (const std::string& arg : owner.remaining(false)) {
    if (arg.size() > 1 && arg[0] == '-') {
      const std::string option = option_part(arg);
      std::string hint;
      // Single letters are all one edit apart: "-x" suggests nothing.
      if (option.rfind("--", 0) == 0) hint = suggest(option, long_names);
      options.push_back("unknown option '" + option + "'" +
                        (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    } else {
      others.push_back("unexpected argument '" + arg + "'");
    }
  }
  // A stray word right after an unknown option is most likely its value:
  // naming the option is enough.
  return options.empty() ? others : options;
}

}  // namespace

const CLI::App* parsed_command(const CLI::App& app) {
  const std::vector<CLI::App*> parsed = app.get_subcommands();
  return parsed.empty() ? nullptr : parsed.front();
}

std::vector<std::string> option_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : command.get_options()) {
    if (opt->get_group().empty()) continue;  // hidden from --help
    for (const std::string& name : opt->get_lnames()) names.push_back("--" + name);
    for (const std::string& name : opt->get_snames()) names.push_back("-" + name);
  }
  return names;
}

int report_parse_error(const CLI::App& app, const CLI::ParseError& e) {
  const CLI::App* command = parsed_command(app);
  // Unknown arguments are named whatever the error: CLI11 checks required
  // options and commands first, and "--rules is required" alone would hide
  // the misspelt "--rlues" that caused it. What the top-level app kept came
  // before any command.
  std::vector<std::string> messages;
  if (!app.remaining(false).empty()) {
    command = nullptr;
    messages = extras_messages(app);
  } else if (command != nullptr) {
    messages = extras_messages(*command);
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&e) == nullptr || messages.empty())
    messages.push_back(e.what());
  for (const std::string& m : messages)
    std::fprintf(stderr, "%s: error: %s\n", program_name(command).c_str(), m.c_str());
  print_help_pointer(command);
  return 2;
}

void print_help_pointer(const CLI::App* command) {
  std::fprintf(stderr, "Run '%s --help' for usage.\n", program_name(command).c_str());
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& known) {
  const std::string hint = suggest(word, known);
  return hint.empty() ? std::string() : "; did you mean '" + hint + "'?";
}

}  // namespace shortlist::cmd
