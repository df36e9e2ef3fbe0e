// Loading a rules file: read it (at most 1 MiB), parse the YAML into a bounded
// tree, check and compile it. Whatever goes wrong becomes a diagnostic; nothing
// escapes as an exception.
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "rules/compile.hpp"
#include "rules/yaml.hpp"
#include "shortlist/evaluate.hpp"
#include "shortlist/json_writer.hpp"
#include "shortlist/rules.hpp"

namespace shortlist {
namespace {

using rules_detail::compile_rules;
using rules_detail::kMaxRulesBytes;
using rules_detail::parse_rules_yaml;

Diagnostic file_error(const std::string& path, std::string message) {
  return {Diagnostic::Severity::kError, path, {}, std::move(message)};
}

Diagnostic too_large(const std::string& path) {
  return file_error(path, "rules file is larger than " + std::to_string(kMaxRulesBytes >> 20) +
                              " MiB");
}

// Diagnostics in file order, those without a position last; the same one
// reached twice (a set used by two rules) is shown once.
void tidy(std::vector<Diagnostic>& diagnostics) {
  const auto key = [](const Diagnostic& d) {
    const std::int64_t line = d.pos.line > 0 ? d.pos.line : INT64_MAX;
    return std::pair(line, d.pos.column);
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  std::unordered_set<std::string> seen;
  std::vector<Diagnostic> unique;
  for (Diagnostic& d : diagnostics) {
    if (seen.insert(d.formatted()).second) unique.push_back(std::move(d));
  }
  diagnostics = std::move(unique);
}

LoadedRules failure(Diagnostic d) {
  LoadedRules out;
  out.diagnostics.push_back(std::move(d));
  return out;
}

// The file's bytes, at most kMaxRulesBytes + 1 of them: a larger file is
// refused without being read whole. nullopt with `error` (an errno) on failure.
std::optional<std::string> read_limited(const std::string& path, int& error) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    error = errno;
    return std::nullopt;
  }
  // Read in pieces, the string growing as they come: a buffer of the whole
  // limit, zeroed, would cost 256 fresh pages on every run for a file of a
  // few KiB.
  const auto most = static_cast<std::size_t>(kMaxRulesBytes) + 1;
  std::string text;
  char piece[16384];
  while (text.size() < most) {
    const std::size_t got = std::fread(piece, 1, std::min(sizeof piece, most - text.size()), file);
    text.append(piece, got);
    if (got == 0) break;
  }
  error = std::ferror(file) ? (errno != 0 ? errno : EIO) : 0;
  std::fclose(file);
  if (error != 0) return std::nullopt;
  return text;
}

bool has_error(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
    return d.severity == Diagnostic::Severity::kError;
  });
}

}  // namespace

// Which fields each condition reads, and the rule and profile ids as JSON,
// are needed for every record's decision line; they are worked out here,
// once.
static void note_fields_read(Rules& rules) {
  const auto head = [](const std::string& id) {
    std::string out = "{\"rule\":";
    append_json_string(out, id);
    return out;
  };
  for (Profile& profile : rules.profiles) {
    profile.id_json.clear();
    append_json_string(profile.id_json, profile.id);
    for (RequireRule& rule : profile.require) {
      condition_fields(rule.condition, rule.reads);
      rule.entry_head = head(rule.id);
    }
    for (ScoreRule& rule : profile.score) {
      if (rule.kind == ScoreRule::Kind::kPoints)
        condition_fields(rule.condition, rule.reads);
      else
        rule.reads = {rule.field};
      rule.entry_head = head(rule.id);
    }
  }
}

LoadedRules load_rules_text(std::string_view text, const std::string& path) {
  LoadedRules out;
  try {
    if (static_cast<std::int64_t>(text.size()) > kMaxRulesBytes) return failure(too_large(path));
    if (auto tree = parse_rules_yaml(text, path, out.diagnostics)) {
      out.rules = compile_rules(*tree, path, out.diagnostics);
    }
  } catch (const std::exception& e) {
    out.diagnostics.push_back(file_error(path, std::string("cannot load rules: ") + e.what()));
  } catch (...) {
    out.diagnostics.push_back(file_error(path, "cannot load rules"));
  }
  tidy(out.diagnostics);
  if (has_error(out.diagnostics)) out.rules.reset();
  if (out.rules) note_fields_read(*out.rules);
  return out;
}

LoadedRules load_rules_file(const std::string& path) {
  try {
    int error = 0;
    std::optional<std::string> text = read_limited(path, error);
    if (!text) {
      const std::string reason = std::error_code(error, std::generic_category()).message();
      return failure(file_error(path, "cannot read rules file: " + reason));
    }
    if (static_cast<std::int64_t>(text->size()) > kMaxRulesBytes) return failure(too_large(path));
    LoadedRules loaded = load_rules_text(*text, path);
    loaded.bytes = std::move(*text);
    return loaded;
  } catch (const std::exception& e) {
    return failure(file_error(path, std::string("cannot read rules file: ") + e.what()));
  }
}

}  // namespace shortlist
