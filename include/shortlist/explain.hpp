#pragma once
// `explain`: why one applicant got each decision, in plain words (SPEC 1, 5).
// The decision record is read once, line by line, keeping only the lines of
// the asked id and the run and summary lines, so memory does not grow with
// the size of the record.
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "shortlist/rules.hpp"

namespace shortlist {

/// A decision record that cannot be opened or read; the message names the file.
class DecisionRecordError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One `checks` entry as recorded; `value_json` is the value read, as compact JSON.
struct RecordedCheck {
  std::string rule;
  std::string outcome;
  std::string value_json;
  std::string written_json;  ///< the value as written in the input, as compact JSON
  std::string reason;        ///< "" unless unreadable or undetermined
};

/// One `points` entry as recorded.
struct RecordedPoints {
  std::string rule;
  std::optional<std::string> points;  ///< nullopt: not counted, the rule sent the record to review
  std::string outcome;  ///< "" when the rule's value was read; else missing|unreadable|undetermined
  std::string value_json;    ///< recorded with a doubtful outcome only; else ""
  std::string written_json;  ///< likewise
  std::string reason;
};

/// One decision line of the asked id.
struct RecordedDecision {
  std::string source;
  std::string profile;  ///< "" for no-profile
  std::string status;
  std::optional<std::string> score;
  std::optional<std::int64_t> rank;
  std::vector<RecordedCheck> checks;
  std::vector<RecordedPoints> points;
  std::string reason;
};

/// What the decision record says about one id.
struct RecordedApplicant {
  std::string rules_path;    ///< from the run line
  std::string rules_sha256;  ///< from the run line
  std::vector<RecordedDecision> decisions;
  std::map<std::string, std::int64_t> shortlisted;  ///< profile -> summary count
};

/// Streams the decision record at `path` once and keeps what concerns `id`.
/// Throws DecisionRecordError when the file cannot be read or a line is not JSON.
RecordedApplicant read_applicant(const std::string& path, const std::string& id);

/// One require rule explained.
struct CheckExplanation {
  std::string rule;
  std::string text;  ///< the rule's text; "" without rules
  std::string outcome;
  std::string value_json;
  std::string written_json;
  std::string reason;
};

/// One score rule explained.
struct PointsExplanation {
  std::string rule;
  std::optional<std::string> points;  ///< nullopt: not counted, sent to review
  std::string outcome;
  std::string value_json;
  std::string written_json;
  std::string reason;
};

/// One decision explained.
struct DecisionExplanation {
  std::string source;
  std::string profile;
  std::string status;
  std::string summary;  ///< the one sentence: status and deciding reason
  std::vector<CheckExplanation> checks;
  std::vector<PointsExplanation> points;
  std::optional<std::string> score;
  std::optional<std::string> cutoff;  ///< min_score, when the rules are known
  std::optional<std::int64_t> rank;
  std::optional<std::int64_t> shortlisted;  ///< the profile's shortlist size
  std::optional<std::int64_t> top;          ///< `top`, when the rules are known
};

/// Every decision of one applicant explained.
struct Explanation {
  std::string id;
  bool rules_known = false;
  std::vector<DecisionExplanation> decisions;
};

/// Explains `applicant`'s decisions; `rules` may be null (rule ids only).
Explanation explain(const std::string& id, const RecordedApplicant& applicant, const Rules* rules);

/// The explanation as plain text, one block per decision.
std::string explanation_text(const Explanation& e);
/// The explanation as one JSON object and a newline.
std::string explanation_json(const Explanation& e);

}  // namespace shortlist
