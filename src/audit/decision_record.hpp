#pragma once
// The lines of the decision record (SPEC 5): a run line, one line per
// (record, profile) decision, a summary line; and the lines of the rejects
// file. Kept apart from the screening run so that the formats have one home.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shortlist/record.hpp"
#include "shortlist/rules.hpp"
#include "shortlist/screen_run.hpp"
#include "shortlist/status.hpp"

namespace shortlist {

struct SpoolEntry;

/// Where the parts of a drafted decision line begin, as byte offsets into
/// it: `,"status":`, `,"score":`, `,"rank":`, `,"checks":`, and the
/// `,"reason":` part (or the closing `}` when there is none).
struct DraftMarks {
  std::uint32_t status = 0, score = 0, rank = 0, checks = 0, reason = 0;
};

/// What the later phases settle for a decision: its final status, its rank
/// (0: none), and whether a duplicate verdict gave it the reason
/// `duplicate-id` (`dropped`: and took its score and checks out).
struct Settled {
  Status status = Status::kEligible;
  std::int64_t rank = 0;
  bool duplicate_id = false;
  bool dropped = false;
};

/// The first line: tool, version, rules and inputs with their SHA-256, profiles.
void append_run_line(std::string& out, const Rules& rules, const std::string& rules_sha256,
                     const ScreenSummary& summary);
/// One decision line, drafted when its record is decided: as that record
/// alone decides it (no rank yet). Returns where its parts begin, so that
/// append_settled_line can finish it without encoding it again. (`out`: a
/// std::string or a TextBuffer.)
template <class Out>
DraftMarks append_decision_draft(Out& out, const Rules& rules, const SpoolEntry& e);
/// The final line of a draft: the draft itself when nothing was settled for
/// it (the most), else its bytes with the status, rank, checks and reason
/// that settling changed.
template <class Out>
void append_settled_line(Out& out, std::string_view draft, const DraftMarks& marks,
                         Status drafted, const Settled& settled);
/// How many bytes longer than its draft a settled line can be, whatever
/// settling gives it: the longest status, a rank of 19 digits, a dropped
/// score written `null`, and the reason `duplicate-id` where the draft had
/// none. (Dropped checks and points only shorten it.)
std::size_t max_settled_growth();
/// One line of the rejects file for an invalid record: source, column, reason,
/// raw text; and, when the raw bytes are not valid UTF-8 (which JSON cannot
/// carry), `raw_base64` with them exactly.
void append_reject_line(std::string& out, const std::string& source, const Record& record);
/// The last line: counts of records, invalid, no-profile, and per profile and status.
void append_summary_line(std::string& out, const Rules& rules, const ScreenSummary& summary);

}  // namespace shortlist
