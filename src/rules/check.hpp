#pragma once
// Reading the YAML tree of a rules file with diagnostics (internal to the rules
// loader). Every reader reports its own problem at the offending key or value
// and returns nothing; callers then skip what depends on it, so one mistake
// gives one message, never a cascade.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "rules/vocabulary.hpp"
#include "rules/yaml.hpp"
#include "shortlist/decimal.hpp"
#include "shortlist/diagnostic.hpp"

namespace shortlist::rules_detail {

/// " (did you mean 'X'?)" for the closest candidate, or "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

/// `'name'` in single quotes, the form every message uses for names.
std::string quoted(std::string_view name);

/// Collects the diagnostics of checking one rules file. The same message at the
/// same place (a set used by two rules) is kept once, and after kMaxShownErrors
/// distinct errors the rest are only counted, as a compiler stops listing them:
/// nobody reads the thousandth, and "did you mean" searches cost time.
class RuleChecker {
 public:
  static constexpr std::int64_t kMaxShownErrors = 100;

  RuleChecker(const std::string& path, std::vector<Diagnostic>& out);

  /// Records an error; the rules will not load.
  void error(SourcePos pos, std::string message);
  /// Records a warning; the rules still load.
  void warning(SourcePos pos, std::string message);
  /// Errors found so far, repeated and unshown ones included.
  std::int64_t error_count() const { return errors_; }
  /// True once further errors are no longer shown.
  bool quiet() const { return shown_ >= kMaxShownErrors; }
  /// Adds a note when errors were left out; call once, at the end.
  void finish();

  /// " (did you mean 'X'?)" for the closest of `candidates()`, or "" (also
  /// when quiet, without calling `candidates`).
  template <typename Candidates>
  std::string hint(const std::string& word, Candidates&& candidates) const {
    return quiet() ? std::string() : did_you_mean(word, candidates());
  }

  /// Reports each key of `map` that `allowed` lacks as "unknown key 'X' WHERE".
  /// `where` reads like "in call" or "at the top level".
  void check_keys(const YamlNode& map, const vocabulary::Mapping& allowed,
                  std::string_view where);
  /// The entry `key` of `map`; reports "missing required key" when absent.
  const YamlEntry* required(const YamlNode& map, std::string_view key, std::string_view where);

  /// True if `node` is a map; reports "expected a map" otherwise.
  bool expect_map(const YamlNode& node);
  /// True if `node` is a list; reports "expected a list" otherwise.
  bool expect_list(const YamlNode& node);
  /// A scalar's text; reports "expected a single value" otherwise.
  std::optional<std::string> text(const YamlNode& node);
  /// A non-empty scalar's text; reports an empty one as "WHAT must not be empty".
  std::optional<std::string> name(const YamlNode& node, std::string_view what);
  /// true or false (also True, TRUE, False, FALSE, as YAML 1.2 spells them);
  /// reports "expected true or false" otherwise.
  std::optional<bool> boolean(const YamlNode& node);
  /// A decimal number; reports "expected a number: 'ten'" otherwise.
  std::optional<Decimal> decimal(const YamlNode& node);
  /// A whole number >= 0.
  std::optional<std::int64_t> count(const YamlNode& node);
  /// The index of the scalar's text in `options`; reports "invalid value 'X' for
  /// 'KEY': expected a, b or c (did you mean 'a'?)" otherwise.
  std::optional<std::size_t> choice(const YamlNode& node, std::string_view key,
                                    std::span<const vocabulary::Term> options);

 private:
  // Records `d` unless the same was recorded before; false if it was.
  bool record(Diagnostic d);

  const std::string& path_;
  std::vector<Diagnostic>& out_;
  std::unordered_set<std::string> seen_;  // formatted diagnostics recorded
  std::int64_t errors_ = 0;
  std::int64_t shown_ = 0;
  bool left_out_ = false;
};

}  // namespace shortlist::rules_detail
