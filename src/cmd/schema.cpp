// shortlist schema: prints the JSON Schema of the rules language, for editors
// that complete and check rules files (docs/rules.md, "Editing rules").
#include <cstdio>
#include <string>

#include "commands.hpp"
#include "common.hpp"
#include "exit_code.hpp"
#include "shortlist/rules_schema.hpp"

namespace shortlist::cmd {

void add_schema(CLI::App& app, int& exit_code) {
  auto* sub = app.add_subcommand("schema", "Print the JSON Schema of the rules language");
  sub->footer(
      "Examples:\n  shortlist schema > shortlist.schema.json\n"
      "  then start a rules file with\n"
      "  # yaml-language-server: $schema=./shortlist.schema.json");
  sub->callback([&exit_code] {
    const std::string schema = rules_json_schema();
    std::fwrite(schema.data(), 1, schema.size(), stdout);
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
      print_error("standard output: cannot write");
      exit_code = kExitOutput;
      return;
    }
    exit_code = kExitOk;
  });
}

}  // namespace shortlist::cmd
