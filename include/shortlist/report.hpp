#pragma once
// The screening report (SPEC 7, `report`): what a decision record says, for
// people. gather_report() reads the record once; render_html() and
// render_markdown() write the same content, for a browser or for a CI step
// summary. docs/report.md describes every part.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "shortlist/decimal.hpp"

namespace shortlist {

/// What the rules add to the record: titles, rule texts, the cut-off.
struct ReportProfileRules {
  std::string id;
  std::string title;
  std::vector<std::string> require_ids;    ///< in the rules' order
  std::vector<std::string> require_texts;  ///< parallel to require_ids
  /// Parallel to require_ids: whether the rule lets a missing, or an
  /// unreadable, value pass (on_missing / on_unreadable: pass).
  std::vector<bool> passes_missing, passes_unreadable;
  std::vector<std::string> score_ids;      ///< score rules, in the rules' order
  std::vector<std::string> score_texts;    ///< parallel to score_ids
  std::optional<Decimal> cutoff;           ///< shortlist.min_score
  std::optional<std::int64_t> top;         ///< shortlist.top
};

struct ReportOptions {
  std::string decisions;                     ///< the record's path
  std::optional<std::vector<ReportProfileRules>> rules;  ///< absent: rule ids only
  std::size_t memory_budget = std::size_t{32} << 20;
  const std::atomic<int>* stop = nullptr;
  std::function<void(const std::filesystem::path&)> on_scratch;
};

/// A count of decisions for one reason, with the rule's text when known.
struct ReasonCount {
  std::string label;  ///< "eu-citizen", "degree: unreadable", "score years: missing", "duplicate id"
  std::string text;   ///< the rule's text, or ""
  std::int64_t count = 0;
};

struct ReportStage {
  std::string label;  ///< "screened", "passed eu-citizen", "eligible", ...
  std::string text;   ///< the rule's text for a rule's stage, or ""
  std::int64_t count = 0;
};

/// The eligible's scores: how many, the lowest, median and highest, and a
/// histogram of `bins.size()` bins of `bin_width` from `bin_start`.
struct ScoreSummary {
  std::int64_t count = 0;
  Decimal lowest, median, highest;
  Decimal bin_start, bin_width;
  std::vector<std::int64_t> bins;
};

struct ProfileReport {
  std::string id;
  std::string title;                ///< "" when not known
  std::vector<ReportStage> funnel;  ///< screened first, shortlisted last
  ScoreSummary scores;
  std::optional<Decimal> cutoff;
  std::vector<ReasonCount> ineligible;  ///< most frequent first
  std::vector<ReasonCount> review;      ///< most frequent first
};

struct ReportInput {
  std::string path, sha256;
  std::int64_t records = 0;
};

/// Entries handed to a callback: their views last until it returns.
struct ShortlistedEntry {
  std::int64_t rank = 0;
  std::string_view id, score, source;
};

struct ReviewEntry {
  std::string_view id, source, reason;
};

/// A report gathered from a record: its counts in memory, its lists in
/// sorts that spill to a scratch folder, read back once as it is written.
class Report {
 public:
  std::string version;
  std::string call_title;  ///< the call's title, else its id, else ""
  std::string rules_path, rules_sha256;
  std::vector<ReportInput> inputs;
  std::int64_t records = 0, invalid = 0, no_profile = 0;
  bool have_rules = false;
  std::vector<ProfileReport> profiles;

  ~Report();
  /// Calls `each` for the shortlisted of profile `p`, by rank; then for the
  /// review decisions, in input order. Profiles must be asked in order.
  void each_shortlisted(std::size_t p, const std::function<void(const ShortlistedEntry&)>& each);
  void each_review(std::size_t p, const std::function<void(const ReviewEntry&)>& each);

  struct Lists;
  std::unique_ptr<Lists> lists;
};

/// Reads the decision record once. Throws InputError when it has no run
/// line, DecisionRecordError for a line that is not JSON.
std::unique_ptr<Report> gather_report(const ReportOptions& options);

/// `part` as a percentage of `whole` with one decimal, rounded half to even
/// ("12.5 %"); "–" when `whole` is 0.
std::string percent_of(std::int64_t part, std::int64_t whole);

void render_html(Report& report, std::ostream& out);
void render_markdown(Report& report, std::ostream& out);

}  // namespace shortlist
