#pragma once
// How `validate` and `verify` print what they found (SPEC 2 v1.1): `text`
// for people, `json` for programs (one object on standard output), `github`
// for GitHub Actions (workflow commands that the runner turns into
// annotations on the file and line).
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "shortlist/diagnostic.hpp"

namespace shortlist::cmd {

enum class CheckFormat { kText, kJson, kGithub };

/// Adds `--format text|json|github` to `sub`, stored in `name`.
void add_check_format_option(CLI::App& sub, std::string& name);
/// The format `name` names; nullopt (with a usage error printed) otherwise.
std::optional<CheckFormat> parse_check_format(const std::string& name);

/// A GitHub Actions workflow command, "::error file=F,line=L,col=C::message":
/// `command` is error, warning or notice; file, line and column are left out
/// when empty or 0. Values are escaped as the runner expects (%, CR, LF in
/// the message; also : and , in the properties).
std::string github_annotation(std::string_view command, std::string_view file, std::int64_t line,
                              std::int64_t column, std::string_view message);
/// The same for a diagnostic, as an error or a warning.
std::string github_annotation(const Diagnostic& d);

/// A diagnostic as a JSON object: severity, file, line, column (null when
/// unknown), message.
void append_diagnostic_json(std::string& out, const Diagnostic& d);

}  // namespace shortlist::cmd
