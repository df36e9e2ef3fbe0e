// Diagnostics-reporting readers for the YAML tree of a rules file.
#include "rules/check.hpp"

#include <algorithm>
#include <charconv>

namespace shortlist::rules_detail {

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string best = suggest(word, candidates);
  return best.empty() ? std::string() : " (did you mean " + quoted(best) + "?)";
}

std::string quoted(std::string_view name) { return "'" + std::string(name) + "'"; }

RuleChecker::RuleChecker(const std::string& path, std::vector<Diagnostic>& out)
    : path_(path), out_(out) {}

bool RuleChecker::record(Diagnostic d) {
  if (!seen_.insert(d.formatted()).second) return false;
  out_.push_back(std::move(d));
  return true;
}

void RuleChecker::error(SourcePos pos, std::string message) {
  ++errors_;
  if (quiet()) {
    left_out_ = left_out_ || !seen_.contains(Diagnostic{Diagnostic::Severity::kError, path_, pos,
                                                        message}.formatted());
    return;
  }
  if (record({Diagnostic::Severity::kError, path_, pos, std::move(message)})) ++shown_;
}

void RuleChecker::warning(SourcePos pos, std::string message) {
  record({Diagnostic::Severity::kWarning, path_, pos, std::move(message)});
}

void RuleChecker::finish() {
  if (!left_out_) return;
  out_.push_back({Diagnostic::Severity::kError, path_, {},
                  "too many errors: only the first " + std::to_string(kMaxShownErrors) +
                      " are shown"});
}

void RuleChecker::check_keys(const YamlNode& map, const vocabulary::Mapping& allowed,
                             std::string_view where) {
  for (const YamlEntry& entry : map.entries) {
    if (allowed.find(entry.key) != nullptr) continue;
    error(entry.key_pos, "unknown key " + quoted(entry.key) + " " + std::string(where) +
                             hint(entry.key, [&] {
                               std::vector<std::string> names;
                               for (const vocabulary::Key& key : allowed.keys)
                                 names.emplace_back(key.name);
                               return names;
                             }));
  }
}

const YamlEntry* RuleChecker::required(const YamlNode& map, std::string_view key,
                                       std::string_view where) {
  const YamlEntry* entry = map.find(key);
  if (entry == nullptr) {
    error(map.pos, "missing required key " + quoted(key) + " " + std::string(where));
  }
  return entry;
}

bool RuleChecker::expect_map(const YamlNode& node) {
  if (node.is_map()) return true;
  error(node.pos, "expected a map");
  return false;
}

bool RuleChecker::expect_list(const YamlNode& node) {
  if (node.is_sequence()) return true;
  error(node.pos, "expected a list");
  return false;
}

std::optional<std::string> RuleChecker::text(const YamlNode& node) {
  if (node.is_scalar()) return node.scalar;
  error(node.pos, node.is_null() ? "expected a value" : "expected a single value");
  return std::nullopt;
}

std::optional<std::string> RuleChecker::name(const YamlNode& node, std::string_view what) {
  auto value = text(node);
  if (value && value->empty()) {
    error(node.pos, std::string(what) + " must not be empty");
    return std::nullopt;
  }
  return value;
}

std::optional<bool> RuleChecker::boolean(const YamlNode& node) {
  if (node.is_scalar()) {
    // YAML 1.2 core schema spellings.
    const std::string& s = node.scalar;
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
  }
  error(node.pos, "expected true or false");
  return std::nullopt;
}

std::optional<Decimal> RuleChecker::decimal(const YamlNode& node) {
  auto value = text(node);
  if (!value) return std::nullopt;
  std::string why;
  auto number = Decimal::parse(*value, &why);
  if (!number) {
    std::string message = "expected a number: " + quoted(*value);
    if (!why.empty() && why.rfind("not a number", 0) != 0) message += " (" + why + ")";
    error(node.pos, std::move(message));
  }
  return number;
}

std::optional<std::int64_t> RuleChecker::count(const YamlNode& node) {
  auto value = text(node);
  if (!value) return std::nullopt;
  std::int64_t n = 0;
  const char* end = value->data() + value->size();
  auto [ptr, ec] = std::from_chars(value->data(), end, n);
  if (value->empty() || ec != std::errc() || ptr != end || n < 0 || (*value)[0] == '-') {
    error(node.pos, "expected a whole number >= 0: " + quoted(*value));
    return std::nullopt;
  }
  return n;
}

std::optional<std::size_t> RuleChecker::choice(const YamlNode& node, std::string_view key,
                                               std::span<const vocabulary::Term> options) {
  auto value = text(node);
  if (!value) return std::nullopt;
  auto it = std::find_if(options.begin(), options.end(),
                         [&](const vocabulary::Term& option) { return option.name == *value; });
  if (it != options.end()) return static_cast<std::size_t>(it - options.begin());
  std::string expected;
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (i > 0) expected += i + 1 == options.size() ? " or " : ", ";
    expected += options[i].name;
  }
  const std::string_view best =
      quiet() ? std::string_view() : vocabulary::suggestion(*value, options);
  error(node.pos, "invalid value " + quoted(*value) + " for " + quoted(key) + ": expected " +
                      expected + (best.empty() ? "" : " (did you mean " + quoted(best) + "?)"));
  return std::nullopt;
}

}  // namespace shortlist::rules_detail
