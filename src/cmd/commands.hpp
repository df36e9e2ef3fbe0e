#pragma once
// The subcommands. Each file in src/cmd/ adds one to the application; its
// callback stores the exit code in `exit_code`.
#include <CLI/CLI.hpp>

namespace shortlist::cmd {

void add_screen(CLI::App& app, int& exit_code);
void add_validate(CLI::App& app, int& exit_code);
void add_inspect(CLI::App& app, int& exit_code);
void add_explain(CLI::App& app, int& exit_code);
void add_verify(CLI::App& app, int& exit_code);
void add_report(CLI::App& app, int& exit_code);
void add_fairness(CLI::App& app, int& exit_code);
void add_init(CLI::App& app, int& exit_code);
void add_schema(CLI::App& app, int& exit_code);

}  // namespace shortlist::cmd
