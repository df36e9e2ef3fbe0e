// shortlist: screens job applicants in batch. This file only dispatches to the
// subcommands of src/cmd/ and maps failures of the command line to exit code 2.
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <algorithm>
#include <exception>
#include <string>
#include <vector>

#include "cmd/colour.hpp"
#include "cmd/commands.hpp"
#include "cmd/common.hpp"
#include "cmd/exit_code.hpp"
#include "cmd/usage_error.hpp"
#include "cmd/version.hpp"
#include "shortlist/diagnostic.hpp"

int main(int argc, char** argv) {
  using namespace shortlist::cmd;
  CLI::App app{"shortlist " SHORTLIST_VERSION
               ": screen job applicants in batch against a call's rules", "shortlist"};
  app.require_subcommand(1);
  app.set_version_flag("--version", version_text,
                       "Print the version, and those of the libraries it uses, and exit");
  app.footer("Exit codes: 0 done, 1 a check failed, 2 usage error, 3 rules error, "
             "4 input error, 5 output error.\nRun 'shortlist COMMAND --help' for a command's "
             "options and examples.");
  int exit_code = kExitOk;
  add_screen(app, exit_code);
  add_validate(app, exit_code);
  add_inspect(app, exit_code);
  add_explain(app, exit_code);
  add_verify(app, exit_code);
  add_report(app, exit_code);
  add_fairness(app, exit_code);
  add_init(app, exit_code);
  add_schema(app, exit_code);
  add_colour_option(app);  // after the commands: each gets it too
  if (argc > 1 && argv[1][0] != '-') {
    // CLI11 would only say that a subcommand is required; name the likely one.
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; }))
      names.push_back(sub->get_name());
    std::string word = argv[1];
    if (std::find(names.begin(), names.end(), word) == names.end()) {
      std::string hint = shortlist::suggest(word, names);
      print_error("unknown command '" + word + "'" +
                  (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
      std::fprintf(stderr, "Run 'shortlist --help' for usage.\n");
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    return report_parse_error(app, e);
  } catch (const std::exception& e) {
    print_error(std::string("internal error: ") + e.what());
    return 70;
  }
  // A command's own usage errors (a value it does not know) point to its help.
  if (exit_code == kExitUsage) print_help_pointer(parsed_command(app));
  return exit_code;
}
