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

#include "shortlist/input.hpp"
#include "shortlist/rules.hpp"
#include "shortlist/screening.hpp"
#include "shortlist/value.hpp"

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

/// One decision line of the asked applicant.
struct RecordedDecision {
  std::string source;
  std::optional<std::string> id;  ///< nullopt: recorded as null (no id)
  std::string profile;  ///< "" for no-profile
  std::string status;
  std::optional<std::string> score;
  std::optional<std::int64_t> rank;
  std::vector<RecordedCheck> checks;
  std::vector<RecordedPoints> points;
  std::string reason;
  std::string checks_json;  ///< the recorded "checks" array, minified
  std::string points_json;  ///< the recorded "points" array, minified
};

/// What the decision record says about one id.
struct RecordedApplicant {
  std::string rules_path;    ///< from the run line
  std::string rules_sha256;  ///< from the run line
  std::vector<RecordedDecision> decisions;
  std::map<std::string, std::int64_t> shortlisted;  ///< profile -> summary count
};

/// Which applicant to explain: by id, or by the source of one record
/// ("a.csv:7", "a.json:3:5"), which also finds a record without an id.
struct ApplicantQuery {
  std::string id;
  std::string source;  ///< used when not empty
};

/// Streams the decision record at `path` once and keeps what concerns the
/// queried applicant. Throws DecisionRecordError when the file cannot be read
/// or a line is not JSON.
RecordedApplicant read_applicant(const std::string& path, const ApplicantQuery& query);

/// One input of the run as explain can read it again.
struct InputAtHand {
  std::string recorded;   ///< the path the run line names
  std::string path;       ///< where it was found; "" when it was not
  bool matches = false;   ///< its SHA-256 is the recorded one
  InputOptions options;   ///< how the run read it (path set to `path`)
};

/// One record of the applicant read again from its input and decided again
/// by the rules, as that record alone decides it (SPEC 4.1): what explain
/// needs to say what counted in each score rule, and to check the record.
struct Rescreened {
  std::string source;
  bool found = false;                     ///< false: see `note`
  std::string note;                       ///< why it could not be read again
  std::vector<TypedValue> values;         ///< each field typed, with what was written
  std::vector<ProfileDecision> decisions; ///< with detail, one per profile screening it
};

/// Reads the record at `source` again from the input among `inputs` that it
/// names, types it with `rules` and decides it for the profiles `profiles`
/// (indices; all when empty). Never throws: a record that cannot be read
/// again says why in `note`.
Rescreened rescreen(const std::string& source, const Rules& rules,
                    const std::vector<int>& profiles, const std::vector<InputAtHand>& inputs);

/// How the recorded decisions of one record differ from what the rules give
/// that record now, one line each ("tech-specialist: status: recorded
/// \"shortlisted\", the rules give \"ineligible\""); empty when they agree.
/// What depends on the other records (ranks, duplicates) is not compared.
std::vector<std::string> rescreen_differences(const Rules& rules, const Rescreened& again,
                                              const std::vector<RecordedDecision>& recorded);

/// One field's value in a check, in words.
struct ValueWords {
  std::string field;
  std::optional<std::string> written;  ///< as the applicant wrote it; nullopt: not given
  std::string read;                    ///< as it was read, in words; "" when the same or unread
  bool no_value = false;               ///< read as no value (blank, or a `missing:` marker)
};

/// One require rule explained.
struct CheckExplanation {
  std::string rule;
  std::string text;  ///< the rule's text; "" without rules
  std::string outcome;
  std::string value_json;
  std::string written_json;
  std::string reason;
  std::vector<ValueWords> values;  ///< each field it read (with rules)
  std::string required;            ///< the bound it asks, in words ("at least 1"); "" if none
  std::vector<std::string> found;  ///< phrases of its lists found (with the record at hand)
};

/// An item of a list that a score rule did not count, and why.
struct NotCounted {
  std::string item;
  std::string why;
};

/// One score rule explained.
struct PointsExplanation {
  std::string rule;
  std::string text;  ///< the rule's text; "" without rules or when it has none
  std::optional<std::string> points;  ///< nullopt: not counted, sent to review
  std::string outcome;
  std::string value_json;
  std::string written_json;
  std::string reason;
  std::string field;  ///< the field it reads, when it reads one
  // What counted, worked out from the record read again (empty without it):
  std::vector<std::string> counted;     ///< items or phrases that earned points
  std::vector<NotCounted> not_counted;  ///< items that did not
  std::string calculation;              ///< "3 × 2 = 6", "6 × 1 = 6, at most 5"
  bool evidence = false;                ///< whether the three above were worked out
};

/// One decision explained.
struct DecisionExplanation {
  std::string source;
  std::string profile;
  std::string title;  ///< the profile's title, when the rules are known
  std::string status;
  std::string summary;  ///< the one sentence: status and deciding reason
  std::vector<CheckExplanation> checks;
  std::vector<PointsExplanation> points;
  std::optional<std::string> score;
  std::optional<std::string> cutoff;  ///< min_score, when the rules are known
  std::optional<std::int64_t> rank;
  std::optional<std::int64_t> shortlisted;  ///< the profile's shortlist size
  std::optional<std::int64_t> top;          ///< `top`, when the rules are known
  /// The record checked against the rules: "agrees", "differs" or
  /// "unchecked"; with the differences, or why it was not checked.
  std::string recheck = "unchecked";
  std::vector<std::string> differences;
  std::string recheck_note;
};

/// Every decision of one applicant explained.
struct Explanation {
  std::string id;  ///< "" when the record has none
  bool rules_known = false;
  std::string deadline;  ///< the call's deadline in words, when the rules give one
  std::string timezone;  ///< the call's time zone
  std::vector<DecisionExplanation> decisions;
};

/// Explains `applicant`'s decisions; `rules` may be null (rule ids only).
/// `again` holds the applicant's records read again (see rescreen), for what
/// counted and the check; it may be empty.
Explanation explain(const std::string& id, const RecordedApplicant& applicant, const Rules* rules,
                    const std::vector<Rescreened>& again);

/// The explanation as plain text, one block per decision.
std::string explanation_text(const Explanation& e);
/// The explanation as one JSON object and a newline.
std::string explanation_json(const Explanation& e);

}  // namespace shortlist
