// shortlist init: prints an annotated starter rules file, one of the examples
// embedded in the binary (rules/*.yaml), or writes it to a file with -o.
//
// -o FILE is written like every output of shortlist (whole or not at all,
// through AtomicFile), with one difference: an existing file is refused
// unless --force. A starter file is meant to be edited by hand, and `init -o
// rules.yaml` run a second time must not silently put the template back over
// that work. Devices and pipes (/dev/stdout, a FIFO) are written to as usual.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "exit_code.hpp"
#include "shortlist/atomic_file.hpp"
#include "shortlist/examples.hpp"
#include "usage_error.hpp"

namespace shortlist::cmd {
namespace {

struct InitFlags {
  std::string example = std::string(examples().front().name);
  std::string output;  ///< -o; "" or "-" for standard output
  bool force = false;
  bool list = false;
};

int print_list() {
  std::size_t width = 0;
  for (const auto& e : examples()) width = std::max(width, e.name.size());
  for (const auto& e : examples())
    std::printf("%-*s  %.*s\n", static_cast<int>(width), std::string(e.name).c_str(),
                static_cast<int>(e.description.size()), e.description.data());
  return std::fflush(stdout) == 0 ? kExitOk : kExitOutput;
}

int write_to_stdout(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    print_error("standard output: cannot write");
    return kExitOutput;
  }
  return kExitOk;
}

int write_to_file(const InitFlags& flags, std::string_view text) {
  std::error_code ec;
  if (!flags.force && std::filesystem::is_regular_file(flags.output, ec)) {
    print_error("'" + flags.output + "' exists; use --force to replace it");
    return kExitUsage;
  }
  return reporting_errors([&] {
    AtomicFile file(flags.output, false);
    file.stream().write(text.data(), static_cast<std::streamsize>(text.size()));
    file.commit();
    return kExitOk;
  });
}

int run(const InitFlags& flags) {
  if (flags.list) return print_list();
  std::vector<std::string> names;
  for (const auto& e : examples()) {
    if (e.name == flags.example)
      return flags.output.empty() || flags.output == "-" ? write_to_stdout(e.text)
                                                         : write_to_file(flags, e.text);
    names.emplace_back(e.name);
  }
  std::string known;
  for (const auto& name : names) known += (known.empty() ? "" : ", ") + name;
  print_error("unknown example '" + flags.example + "' (known: " + known +
              did_you_mean(flags.example, names) + ")");
  return kExitUsage;
}

}  // namespace

void add_init(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<InitFlags>();
  auto* sub = app.add_subcommand("init", "Print an annotated starter rules file");
  sub->add_option("--example", flags->example, "Which example to print (see --list)")
      ->capture_default_str();
  sub->add_flag("--list", flags->list, "List the examples, one a line with what it shows");
  sub->add_option("-o,--output", flags->output,
                  "Write the example to this file (default: standard output)");
  sub->add_flag("--force", flags->force, "With -o, replace the file if it exists");
  sub->footer("Examples:\n  shortlist init > rules.yaml\n"
              "  shortlist init --list\n"
              "  shortlist init --example hospital-nurses-2025 -o rules.yaml");
  sub->callback([flags, &exit_code] { exit_code = run(*flags); });
}

}  // namespace shortlist::cmd
