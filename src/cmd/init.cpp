// shortlist init: prints an annotated starter rules file.
#include <cstdio>
#include <string>

#include "commands.hpp"
#include "common.hpp"
#include "exit_code.hpp"
#include "shortlist/examples.hpp"

namespace shortlist::cmd {

void add_init(CLI::App& app, int& exit_code) {
  auto* sub = app.add_subcommand("init", "Print an annotated starter rules file");
  auto name = std::make_shared<std::string>(std::string(examples().front().name));
  sub->add_option("--example", *name, "Which example to print")->capture_default_str();
  sub->footer("Examples:\n  shortlist init > rules.yaml\n"
              "  shortlist init --example eu-ai-office-2024");
  sub->callback([name, &exit_code] {
    for (const auto& e : examples()) {
      if (e.name == *name) {
        std::fwrite(e.text.data(), 1, e.text.size(), stdout);
        exit_code = std::fflush(stdout) == 0 ? kExitOk : kExitOutput;
        return;
      }
    }
    std::string known;
    for (const auto& e : examples()) known += (known.empty() ? "" : ", ") + std::string(e.name);
    print_error("unknown example '" + *name + "' (known: " + known + ")");
    exit_code = kExitUsage;
  });
}

}  // namespace shortlist::cmd
