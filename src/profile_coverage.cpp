// Which records of an input each profile would screen (see the header).
#include "shortlist/profile_coverage.hpp"

#include <algorithm>
#include <unordered_map>

#include "shortlist/evaluate.hpp"
#include "shortlist/field_binding.hpp"

namespace shortlist {
namespace {

// Distinct unmatched values counted at most; later new values are not counted,
// so a hostile input cannot make this grow.
constexpr std::size_t kMaxCountedValues = 10000;

// The fields the profiles' `when`s read, each once.
std::vector<int> when_fields(const Rules& rules) {
  std::vector<int> fields;
  for (const Profile& p : rules.profiles)
    if (p.when) condition_fields(*p.when, fields);
  return fields;
}

// What a record holds in `fields`, as written: "Tech-Specialist", or
// "profile 'x', track ''" when there are several.
std::string written(const Rules& rules, const std::vector<int>& fields,
                    const std::vector<TypedValue>& values) {
  if (fields.size() == 1) return values[static_cast<std::size_t>(fields.front())].raw;
  std::string out;
  for (int f : fields) {
    if (!out.empty()) out += ", ";
    out += rules.fields[static_cast<std::size_t>(f)].name + " '" +
           values[static_cast<std::size_t>(f)].raw + "'";
  }
  return out;
}

std::string quoted_value(const std::string& value) { return "'" + value + "'"; }

}  // namespace

ProfileCoverage measure_profile_coverage(const Rules& rules, const InputOptions& input) {
  ProfileCoverage coverage;
  coverage.matched.assign(rules.profiles.size(), 0);
  auto reader = open_reader(input);
  const FieldBinding binding(rules, reader->header());
  const std::vector<int> fields = when_fields(rules);
  std::unordered_map<std::string, std::int64_t> counts;
  Record record;
  std::vector<TypedValue> values;
  while (reader->next(record)) {
    if (record.invalid) continue;
    ++coverage.records;
    binding.type_record(record, values);
    bool screened = false;
    for (std::size_t p = 0; p < rules.profiles.size(); ++p) {
      const Profile& profile = rules.profiles[p];
      if (profile.when && evaluate(*profile.when, values) != Truth::kTrue) continue;
      ++coverage.matched[p];
      screened = true;
    }
    if (screened) continue;
    ++coverage.no_profile;
    std::string value = written(rules, fields, values);
    if (auto it = counts.find(value); it != counts.end())
      ++it->second;
    else if (counts.size() < kMaxCountedValues)
      counts.emplace(std::move(value), 1);
  }
  coverage.unmatched_values.assign(counts.begin(), counts.end());
  std::sort(coverage.unmatched_values.begin(), coverage.unmatched_values.end(),
            [](const auto& a, const auto& b) {
              return a.second != b.second ? a.second > b.second : a.first < b.first;
            });
  if (coverage.unmatched_values.size() > ProfileCoverage::kShownValues)
    coverage.unmatched_values.resize(ProfileCoverage::kShownValues);
  return coverage;
}

std::vector<Diagnostic> coverage_warnings(const Rules& rules, const std::string& input,
                                          const ProfileCoverage& coverage) {
  std::vector<Diagnostic> out;
  std::string seen;
  for (const auto& [value, count] : coverage.unmatched_values)
    seen += (seen.empty() ? "" : ", ") + quoted_value(value) + " (" + std::to_string(count) + ")";
  const std::string values_note = seen.empty() ? "" : "; records no profile screens hold " + seen;
  for (std::size_t p = 0; p < rules.profiles.size(); ++p) {
    const Profile& profile = rules.profiles[p];
    if (!profile.when || coverage.matched[p] > 0 || coverage.records == 0) continue;
    out.push_back({Diagnostic::Severity::kWarning, rules.path, profile.when->pos,
                   "the 'when' of profile '" + profile.id + "' matches no record of " + input +
                       values_note});
  }
  if (coverage.no_profile > 0) {
    out.push_back({Diagnostic::Severity::kWarning, input, {},
                   std::to_string(coverage.no_profile) + " of " +
                       std::to_string(coverage.records) + " records match no profile" +
                       (seen.empty() ? "" : " (" + seen + ")")});
  }
  return out;
}

}  // namespace shortlist
