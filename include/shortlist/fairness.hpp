#pragma once
// The adverse-impact table (SPEC 7, `fairness`): per profile and group,
// applicants, shortlisted, selection rate, impact ratio against the best
// group, the four-fifths flag, the scoring rate against the profile's median
// score, and whether the group is too small to judge. Every rate is an
// exact fraction: 48/60 is exactly 4/5, and so not adverse. What is counted
// and why is in docs/fairness.md.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "shortlist/input.hpp"

namespace shortlist {

/// An exact fraction num/den with den > 0, or absent (den == 0).
struct Fraction {
  __int128 num = 0;
  __int128 den = 0;
  bool present() const { return den != 0; }
  /// True when this is below a/b (both present), compared exactly.
  bool below(__int128 a, __int128 b) const { return num * b < a * den; }
};

/// The fraction with exactly 4 fraction digits, rounded half to even from its
/// exact value ("0.7500", "1.0000", "0.3333"); "" when absent.
std::string format_fraction(const Fraction& f);

/// One row of the table.
struct FairnessRow {
  std::string profile;
  std::string by;     ///< the grouping columns, joined with "×"
  std::string group;  ///< their values, joined with "×"; "(missing)" for an unknown part
  std::int64_t applicants = 0;
  std::int64_t shortlisted = 0;
  Fraction selection_rate;
  Fraction impact_ratio;  ///< absent without a reference group, or when its rate is 0
  bool adverse = false;   ///< impact_ratio < 4/5
  Fraction scoring_rate;  ///< absent when no applicant of the group has a score
  bool small = false;     ///< under 5 applicants, or under 2 % of the profile's
};

/// The name of the group of applicants whose group is not known.
inline constexpr const char* kMissingGroup = "(missing)";

struct FairnessOptions {
  std::string decisions;                ///< the decision record's path
  InputOptions groups;                  ///< the groups file
  /// The columns that may hold the ids, the first present winning (the
  /// rules' `id` field's columns, or the one given with --id-column).
  std::vector<std::string> id_columns;
  std::vector<std::string> by;          ///< its group columns, at least one
  std::size_t memory_budget = std::size_t{32} << 20;  ///< per sort
  const std::atomic<int>* stop = nullptr;  ///< set by a signal: stop (throws Interrupted)
  /// Called with the scratch folder once made, so that a signal can remove it.
  std::function<void(const std::filesystem::path&)> on_scratch;
};

/// Streams the decision record and the groups file (each sorted by id on
/// disk past `memory_budget`, so that memory does not grow with either) and
/// returns the table's rows in their printed order. Throws DecisionRecordError
/// for a line of the record and InputError for the groups file or a record
/// without its run line.
std::vector<FairnessRow> compute_fairness(const FairnessOptions& options);

/// The table as CSV (SPEC 7), JSON (an array of objects) or Markdown.
std::string fairness_csv(const std::vector<FairnessRow>& rows);
std::string fairness_json(const std::vector<FairnessRow>& rows);
std::string fairness_markdown(const std::vector<FairnessRow>& rows);

}  // namespace shortlist
