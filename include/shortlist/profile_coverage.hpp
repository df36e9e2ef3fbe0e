#pragma once
// Which records of an input each profile would screen (`validate --input`).
//
// A `when` that no record meets silently screens nobody: every applicant to
// that profile becomes `no-profile`, and a recruiter who wrote
// `equals: tech-specialist` for a form that says "Tech Specialist" learns it
// only from the summary. Reading the input once with the rules' `when`s names
// such profiles before the run, with the values the input does hold.
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "shortlist/diagnostic.hpp"
#include "shortlist/field_binding.hpp"
#include "shortlist/record.hpp"
#include "shortlist/rules.hpp"

namespace shortlist {

/// How the records of one input fall to the profiles.
struct ProfileCoverage {
  std::int64_t records = 0;           ///< records read that could be read
  std::vector<std::int64_t> matched;  ///< per profile: records its `when` holds for
  std::int64_t no_profile = 0;        ///< records no profile screens
  /// The values (as written, cut to kShownBytes) of the fields the `when`s
  /// read, in records no profile screens: most frequent first, at most
  /// kShownValues.
  std::vector<std::pair<std::string, std::int64_t>> unmatched_values;

  static constexpr std::size_t kShownValues = 5;
  static constexpr std::size_t kShownBytes = 60;
};

/// Counts, record by record, which profiles would screen an input's records.
/// Memory is bounded whatever the input: at most 10,000 distinct unmatched
/// values of at most kShownBytes each are counted.
class ProfileCoverageCounter {
 public:
  /// `header`: the input's CSV/TSV header, or empty for JSON.
  ProfileCoverageCounter(const Rules& rules, const std::vector<std::string>& header);
  /// Counts one record; invalid records are not counted.
  void add(const Record& record);
  ProfileCoverage result() const;

 private:
  const Rules& rules_;
  FieldBinding binding_;
  std::vector<int> when_fields_;
  std::vector<TypedValue> values_;
  ProfileCoverage coverage_;
  std::unordered_map<std::string, std::int64_t> counts_;
};

/// Warnings at each `when` that no record of `input` meets, and about records
/// that no profile screens, naming the values those records hold.
std::vector<Diagnostic> coverage_warnings(const Rules& rules, const std::string& input,
                                          const ProfileCoverage& coverage);

}  // namespace shortlist
