#pragma once
// The lines of the decision record (SPEC 5): a run line, one line per
// (record, profile) decision, a summary line; and the lines of the rejects
// file. Kept apart from the screening run so that the formats have one home.
#include <string>

#include "shortlist/record.hpp"

#include "run/spool_entry.hpp"
#include "shortlist/rules.hpp"
#include "shortlist/screen_run.hpp"

namespace shortlist {

/// The first line: tool, version, rules and inputs with their SHA-256, profiles.
void append_run_line(std::string& out, const Rules& rules, const std::string& rules_sha256,
                     const ScreenSummary& summary);
/// One decision, final status and rank included.
void append_decision_line(std::string& out, const Rules& rules, const SpoolEntry& e);
/// One line of the rejects file for an invalid record: source, column, reason,
/// raw text; and, when the raw bytes are not valid UTF-8 (which JSON cannot
/// carry), `raw_base64` with them exactly.
void append_reject_line(std::string& out, const std::string& source, const Record& record);
/// The last line: counts of records, invalid, no-profile, and per profile and status.
void append_summary_line(std::string& out, const Rules& rules, const ScreenSummary& summary);

}  // namespace shortlist
