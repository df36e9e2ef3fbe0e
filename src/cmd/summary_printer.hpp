#pragma once
// The one-screen summary a run prints on standard error.
#include <optional>
#include <string>

#include "shortlist/rules.hpp"
#include "shortlist/screen_run.hpp"

namespace shortlist::cmd {

/// Prints counts per input, per profile and status.
void print_summary(const Rules& rules, const ScreenSummary& summary);
/// Prints each phase's time, the items it went through and MB/s (--stats).
void print_stats(const ScreenSummary& summary);

/// The formats of `screen --summary FILE`: JSON (`.json`) for programs,
/// Markdown (`.md`) for a CI step summary such as $GITHUB_STEP_SUMMARY.
enum class SummaryFormat { kJson, kMarkdown };
/// The format FILE's extension names; nullopt for any other.
std::optional<SummaryFormat> summary_format_from_path(const std::string& path);
/// The run's summary as a file: the call, the rules file and its SHA-256,
/// counts per input, per profile and status. Nothing from the clock.
std::string summary_document(SummaryFormat format, const Rules& rules,
                             const std::string& rules_sha256, const ScreenSummary& summary);

/// When most invalid records of a run over UTF-8 input were invalid for
/// their encoding, a hint on standard error to try --encoding.
void print_encoding_hint(const ScreenSummary& summary);

}  // namespace shortlist::cmd
