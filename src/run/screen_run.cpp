// A screening run, phase by phase.
//
// Every record is read exactly once. What a record alone decides (its checks,
// points and score) is worked out in parallel, batch by batch, and taken back
// in input order. Two questions need the whole batch: which ids occur more
// than once (SPEC 4.4) and where each eligible record ranks (4.2). Both are
// answered with external sorts, so memory stays flat however many records
// there are:
//
//   1. read    inputs (CSV cut into blocks the workers parse) -> statuses
//              counted, (profile, id)s -> id sorter, the eligible -> rank
//              sorter; every entry spooled too when an output needs them all
//   2. dups    id sorter -> one verdict per duplicated (record, profile): by
//              sequence number for the spool's pass, and by rank key for the
//              eligible it takes out of the ranking; the counts corrected
//   3. rank    rank sorter, less the eligible a verdict took out -> ranks and
//              statuses (by sequence number), ranked rows
//   4. write   spool + verdicts + ranks -> decision record, unranked listed
//              rows (only when an output needs them)
//   5. list    rows per profile -> shortlist file
//
// When the decision record goes to a file (not a stream), the spool is that
// file: read writes it after a gap as wide as the widest settled line, each
// entry padded so that its settled line is never longer than the entry, and
// write overwrites the file from its first byte, always behind what it still
// has to read, then cuts it to the bytes written. The record's pages are
// written twice but allocated once; a spool of its own doubled the run's
// fresh pages, which cost more than the copying (docs/performance.md).
//
// Every sort key ends with the record's sequence number, so no two keys are
// equal and nothing depends on the number of threads or on how work was split.
// Each phase has a file of its own (read_phase.cpp, settle_phase.cpp,
// rank_phase.cpp, write_phase.cpp), sharing the run's state
// (screen_phases.hpp), and so do the policies: which records of a repeated id
// are kept (duplicates.cpp) and where the shortlist is cut (ranking.cpp).
#include "shortlist/screen_run.hpp"

#include <algorithm>

#include "audit/decision_record.hpp"
#include "run/screen_phases.hpp"

namespace shortlist {

ScreenRun::ScreenRun(const Rules& rules, const ScreenOptions& options,
                     const ScreenOutputs& outputs)
    : rules_(rules), options_(options), outputs_(outputs), scratch_(options.temp_dir) {
  if (options.on_scratch) options.on_scratch(scratch_.path());
  if (options.threads > 1) pool_ = std::make_unique<ThreadPool>(options.threads - 1);
  for (std::size_t p = 0; p < rules.profiles.size(); ++p)
    if (options.profiles.empty() ||
        std::find(options.profiles.begin(), options.profiles.end(), static_cast<int>(p)) !=
            options.profiles.end())
      summary_.profiles.push_back(static_cast<int>(p));
  summary_.counts.resize(rules.profiles.size());
  // A row is kept for an entry that is not eligible only when the shortlist
  // may list it: listed statuses other than those ranking gives.
  for (Status st : options.list_statuses)
    if (st != Status::kShortlisted && st != Status::kReserve) needs_row_ = true;
  full_spool_ = outputs.decisions != nullptr || needs_row_;
  in_place_ = outputs.decisions != nullptr && outputs.decisions_file != nullptr;
  spool_file_ = in_place_ ? *outputs.decisions_file : spool_path(scratch_.path());
  if (in_place_) line_room_ = max_settled_growth();
  // A record a knock-out rejects needs none of the fields only scores read
  // (its decision line lists no points), and without a decision record none
  // of those of the rules after the knock-out either. The shortlist's
  // columns are typed first when an entry that is not eligible may need
  // its row.
  typed_first_ = fields_typed_first(rules, options.profiles);
  if (full_spool_)
    for (int f : rules.output_columns)
      if (f >= 0) typed_first_[static_cast<std::size_t>(f)] = true;
  typed_late_ = std::find(typed_first_.begin(), typed_first_.end(), false) != typed_first_.end();
}

ScreenSummary ScreenRun::run() {
  timed("read and decide", [this] { read_inputs(); });
  if (cut_.items > 0) summary_.phases.push_back(cut_);
  timed("settle duplicates", [this] { settle_duplicates(); });
  timed("rank", [this] { rank(); });
  // The pass over every entry runs only for an output that needs it.
  if (outputs_.decisions)
    timed("write decisions", [this] { write_decisions(); });
  else if (full_spool_)
    timed("list unranked", [this] { write_decisions(); });
  timed("write shortlist", [this] { write_shortlist(); });
  check_stop(options_.stop);
  return summary_;
}

ScreenSummary run_screening(const Rules& rules, const ScreenOptions& options,
                            const ScreenOutputs& outputs) {
  return ScreenRun(rules, options, outputs).run();
}

}  // namespace shortlist
