#include "check_format.hpp"

#include "common.hpp"
#include "shortlist/json_writer.hpp"
#include "usage_error.hpp"

namespace shortlist::cmd {
namespace {

// The runner's escaping: a message may not hold a raw line break; a
// property value may not hold the separators either.
std::string escape_github(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

void add_check_format_option(CLI::App& sub, std::string& name) {
  sub.add_option("--format", name,
                 "Output: text (for people), json (one object on standard output) or github "
                 "(GitHub Actions annotations)")
      ->default_str("text");
}

std::optional<CheckFormat> parse_check_format(const std::string& name) {
  if (name.empty() || name == "text") return CheckFormat::kText;
  if (name == "json") return CheckFormat::kJson;
  if (name == "github") return CheckFormat::kGithub;
  print_error("unknown format '" + name + "' (expected text, json or github" +
              did_you_mean(name, {"text", "json", "github"}) + ")");
  return std::nullopt;
}

std::string github_annotation(std::string_view command, std::string_view file, std::int64_t line,
                              std::int64_t column, std::string_view message) {
  std::string out = "::";
  out += command;
  std::string properties;
  auto property = [&](std::string_view key, std::string_view value) {
    properties += properties.empty() ? " " : ",";
    properties.append(key).append("=").append(escape_github(value, true));
  };
  if (!file.empty()) property("file", file);
  if (line > 0) property("line", std::to_string(line));
  if (line > 0 && column > 0) property("col", std::to_string(column));
  out += properties;
  out += "::";
  out += escape_github(message, false);
  return out;
}

std::string github_annotation(const Diagnostic& d) {
  return github_annotation(d.severity == Diagnostic::Severity::kError ? "error" : "warning", d.path,
                           d.pos.line, d.pos.column, d.message);
}

void append_diagnostic_json(std::string& out, const Diagnostic& d) {
  out += "{\"severity\":";
  out += d.severity == Diagnostic::Severity::kError ? "\"error\"" : "\"warning\"";
  out += ",\"file\":";
  append_json_string(out, d.path);
  out += ",\"line\":";
  out += d.pos.line > 0 ? std::to_string(d.pos.line) : "null";
  out += ",\"column\":";
  out += d.pos.column > 0 ? std::to_string(d.pos.column) : "null";
  out += ",\"message\":";
  append_json_string(out, d.message);
  out += '}';
}

}  // namespace shortlist::cmd
