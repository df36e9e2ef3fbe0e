#pragma once
// The compiled rules of a call (SPEC 3): what `validate` checks and `screen` runs.
// Everything that can be worked out once (literals converted to the field's type,
// sets resolved, phrases normalized, regular expressions compiled) is done when
// the rules are loaded, never per record.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "shortlist/decimal.hpp"
#include "shortlist/diagnostic.hpp"
#include "shortlist/text.hpp"
#include "shortlist/time.hpp"
#include "shortlist/value.hpp"

namespace re2 {
class RE2;
}

namespace shortlist {

/// How to read one canonical field.
struct FieldSpec {
  std::string name;
  SourcePos pos;
  std::vector<std::string> columns;  ///< candidates; the first present wins
  FieldType type = FieldType::kString;
  std::optional<std::string> list_separator;  ///< `list: SEP`
  std::vector<std::pair<std::string, std::string>> map;  ///< raw text -> replacement
  std::vector<std::string> scale;                        ///< ordinal entries, lowest first
  std::vector<std::pair<std::string, std::string>> aliases;  ///< alias -> scale entry
  /// date/timestamp layouts (`format:`), tried in order; ISO 8601 is always accepted too.
  std::vector<std::string> formats;
  /// number: trailing words or signs dropped before reading (`suffixes:`), case-folded
  /// with fold_case and longest first.
  std::vector<std::string> suffixes;
  /// Cell values that mean missing (`missing:`), normalized as text...
  std::vector<std::string> missing;
  /// ... but for markers that hold a digit ("-1", "999") or only punctuation
  /// ("-"), which keep their punctuation: case-folded with fold_case.
  std::vector<std::string> missing_exact;
  /// Folded scale entries and aliases -> scale position; built once by prepare_field().
  std::vector<std::pair<std::string, std::int32_t>> ordinal_lookup;

  bool is_list() const { return list_separator.has_value(); }
};

enum class Op {
  kEquals, kNotEquals, kIn, kNotIn,
  kAtLeast, kAtMost, kBetween,
  kBefore, kAfter, kNotAfter, kNotBefore,
  kContainsAny, kContainsAll, kContainsNone,
  kMatches, kPresent,
  kAll, kAny, kNot,
};

/// The operator's name as written in rules ("at_least").
std::string_view op_name(Op op);

/// An instant as a `date` field sees it (SPEC 3.2 v1.1): the day of
/// call.timezone that holds it, and whether it is that day's first moment.
struct InstantDay {
  Date day;
  bool at_day_start = false;
  std::string text;  ///< the instant in call.timezone, for reasons ("2024-03-27T12:00+01:00")
};

/// A string of at most 7 bytes as one number (its bytes, and its length in
/// the eighth): two such strings are equal when their numbers are. False
/// for a longer string.
inline bool pack_short_string(std::string_view s, std::uint64_t& packed) {
  if (s.size() > 7) return false;
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < s.size(); ++i) v |= std::uint64_t{static_cast<unsigned char>(s[i])} << (8 * i);
  packed = v | (std::uint64_t{s.size()} << 56);
  return true;
}

/// A compiled condition.
struct Condition {
  Op op = Op::kPresent;
  SourcePos pos;
  int field = -1;                 ///< index into Rules::fields (leaf operators)
  std::vector<Scalar> operands;   ///< converted literals: one, two (between) or a list
  std::shared_ptr<const PhraseSet> phrases;  ///< contains_*
  std::shared_ptr<const re2::RE2> regex;     ///< matches
  bool present = true;            ///< present: true|false
  std::vector<Condition> children;  ///< all / any / not
  /// Country fields under equals/in and their negations: the territories of
  /// the listed states that are not listed themselves (RE for FR), each with
  /// its state. Such a value is undetermined, not false (SPEC 3.1 v1.1).
  /// Worked out when the rules load.
  /// Sorted by territory code.
  std::vector<std::pair<std::string, std::string>> territories;
  /// equals/in and their negations, when every operand is a string (codes,
  /// plain strings): the operands sorted, so that membership is a binary
  /// search (`in: EU` holds 27 codes). Filled when the rules load; empty,
  /// membership compares with each operand.
  std::vector<std::string> sorted_strings;
  /// The same, when every one has at most 7 bytes (country codes, short
  /// codes): packed as numbers (pack_short_string) and sorted, so that a
  /// record's code is looked up a number at a time, not a string compare
  /// at a time. And the territories' codes, packed, with the index of each
  /// in `territories`.
  std::vector<std::uint64_t> packed_strings;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> packed_territories;
  /// Date fields compared with instants: parallel to `operands`, filled where
  /// an operand is an Instant.
  std::vector<InstantDay> instant_days;
};

/// What a require rule does with a value that is missing or unreadable.
enum class OnMissing { kReview, kFail, kPass };
/// What a score rule does with a value that is missing or unreadable.
enum class OnScoreDoubt { kZero, kReview };

struct RequireRule {
  std::string id;
  std::string text;
  SourcePos pos;
  Condition condition;
  OnMissing on_missing = OnMissing::kReview;
  OnMissing on_unreadable = OnMissing::kReview;
  SourcePos on_missing_pos;     ///< where `on_missing` was written, for warnings
  SourcePos on_unreadable_pos;  ///< likewise
  std::vector<int> reads;  ///< fields the condition reads, in order; filled once at load
  std::string entry_head;  ///< `{"rule":"<id>"`, its entry's start in a decision line; filled once at load
};

struct ScoreRule {
  enum class Kind {
    kPoints,        ///< condition + points
    kEachNumber,    ///< each x value of a number field
    kEachItem,      ///< each x number of items of a list field (only those in count_in)
    kCountPhrases,  ///< each x distinct phrases found in a text field
  };
  std::string id;
  std::string text;
  SourcePos pos;
  Kind kind = Kind::kPoints;
  OnScoreDoubt on_missing = OnScoreDoubt::kZero;
  OnScoreDoubt on_unreadable = OnScoreDoubt::kReview;
  int field = -1;
  Condition condition;                          ///< kPoints
  std::vector<int> reads;                       ///< fields it reads (kEach*: `field`); filled once at load
  Decimal points;                               ///< kPoints
  Decimal each;                                 ///< kEach*, kCountPhrases
  std::optional<std::vector<Scalar>> count_in;  ///< kEachItem filter
  std::unordered_set<std::string> count_in_keys;  ///< distinct_key of each count_in entry
  std::shared_ptr<const PhraseSet> phrases;     ///< kCountPhrases
  std::optional<Decimal> max;
  std::string entry_head;  ///< `{"rule":"<id>"`, its entry's start in a decision line; filled once at load
};

/// One key of a ranking order.
struct OrderKey {
  enum class Source { kScore, kField };
  Source source = Source::kScore;
  int field = -1;  ///< kField
  bool descending = false;
};

struct ShortlistSpec {
  std::optional<Decimal> min_score;
  std::optional<std::int64_t> top;
  bool include_ties = false;
  std::vector<OrderKey> order;  ///< filled with the default when absent
};

struct Profile {
  std::string id;
  std::string title;
  SourcePos pos;
  std::optional<Condition> when;  ///< absent: every record
  std::vector<RequireRule> require;
  std::vector<ScoreRule> score;
  ShortlistSpec shortlist;
  std::string id_json;  ///< the id as a JSON string, for decision lines; filled once at load
};

enum class DuplicatePolicy { kReview, kFirst, kLast };

struct Call {
  std::string id;
  std::string title;
  std::string reference;
  std::optional<Instant> deadline;
  std::string timezone_name = "UTC";
  const date::time_zone* timezone = nullptr;  ///< never null once loaded
};

struct Rules {
  std::string path;
  int version = 1;
  Call call;
  std::vector<FieldSpec> fields;  ///< `id` is always fields[id_field]
  int id_field = -1;
  int submitted_field = -1;       ///< -1 when there is no `submitted` field
  DuplicatePolicy duplicates = DuplicatePolicy::kReview;
  std::vector<int> output_columns;  ///< fields copied into the shortlist file
  std::vector<Profile> profiles;

  /// Index of the field named `name`, or -1.
  int field_index(std::string_view name) const;
};

/// The result of loading a rules file: the rules when there is no error, and
/// every diagnostic found (SPEC 3.5 asks for all of them in one run).
struct LoadedRules {
  std::unique_ptr<Rules> rules;  ///< null when any error was found
  std::vector<Diagnostic> diagnostics;
  /// The file's bytes as read and checked (load_rules_file): what the
  /// decision record's SHA-256 must be of. Read again, a pipe would give
  /// nothing and a file edited since would give other bytes.
  std::string bytes;
  bool ok() const { return rules != nullptr; }
};

/// Loads and checks a rules file. Never throws for bad content: every problem
/// becomes a diagnostic with file:line:col.
LoadedRules load_rules_file(const std::string& path);
/// The same from text in memory; `path` names it in diagnostics.
LoadedRules load_rules_text(std::string_view text, const std::string& path);

}  // namespace shortlist
