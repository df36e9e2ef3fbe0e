// Which records of an input each profile would screen (see the header).
#include "shortlist/profile_coverage.hpp"

#include <algorithm>

#include "shortlist/evaluate.hpp"

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

// At most `max` bytes of `text`, cut on a UTF-8 character boundary, with "…"
// when something was cut.
std::string shortened(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "\u2026";
}

// What a record holds in `fields`, as written: "Tech-Specialist", or
// "profile 'x', track ''" when there are several.
std::string written(const Rules& rules, const std::vector<int>& fields,
                    const std::vector<TypedValue>& values) {
  constexpr std::size_t kMax = ProfileCoverage::kShownBytes;
  if (fields.size() == 1) return shortened(values[static_cast<std::size_t>(fields.front())].raw, kMax);
  std::string out;
  for (int f : fields) {
    if (!out.empty()) out += ", ";
    out += rules.fields[static_cast<std::size_t>(f)].name + " '" +
           shortened(values[static_cast<std::size_t>(f)].raw, kMax) + "'";
  }
  return out;
}

std::string quoted_value(const std::string& value) { return "'" + value + "'"; }

}  // namespace

ProfileCoverageCounter::ProfileCoverageCounter(const Rules& rules,
                                               const std::vector<std::string>& header)
    : rules_(rules), binding_(rules, header), when_fields_(when_fields(rules)) {
  coverage_.matched.assign(rules.profiles.size(), 0);
}

void ProfileCoverageCounter::add(const Record& record) {
  if (record.invalid) return;
  ++coverage_.records;
  binding_.type_record(record, values_);
  bool screened = false;
  for (std::size_t p = 0; p < rules_.profiles.size(); ++p) {
    const Profile& profile = rules_.profiles[p];
    if (profile.when && evaluate(*profile.when, values_) != Truth::kTrue) continue;
    ++coverage_.matched[p];
    screened = true;
  }
  if (screened) return;
  ++coverage_.no_profile;
  std::string value = written(rules_, when_fields_, values_);
  if (auto it = counts_.find(value); it != counts_.end())
    ++it->second;
  else if (counts_.size() < kMaxCountedValues)
    counts_.emplace(std::move(value), 1);
}

ProfileCoverage ProfileCoverageCounter::result() const {
  ProfileCoverage out = coverage_;
  out.unmatched_values.assign(counts_.begin(), counts_.end());
  std::sort(out.unmatched_values.begin(), out.unmatched_values.end(),
            [](const auto& a, const auto& b) {
              return a.second != b.second ? a.second > b.second : a.first < b.first;
            });
  if (out.unmatched_values.size() > ProfileCoverage::kShownValues)
    out.unmatched_values.resize(ProfileCoverage::kShownValues);
  return out;
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
