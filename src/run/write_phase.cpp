// Phases 4 and 5 of a screening run: the decision record (and the unranked
// rows a listed status names), then the shortlist file (see screen_run.cpp).
#include <condition_variable>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "audit/decision_record.hpp"
#include "output/xlsx_shortlist_writer.hpp"
#include "run/ordered_work.hpp"
#include "run/run_keys.hpp"
#include "run/screen_phases.hpp"
#include "shortlist/output_error.hpp"
#include "shortlist/shortlist_writer.hpp"

namespace shortlist {
namespace {

// Batches take turns, in the order they were handed out, to write what
// they formatted: the worker that formats a batch also writes it, rather
// than leave the writing to the thread that reads the spool, which has the
// most to do in this phase. A batch that failed lets the others pass
// without writing: the run ends with its error.
class WriteTurns {
 public:
  // Waits for `turn`; false if a batch before it failed.
  bool wait(std::int64_t turn) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return next_ == turn || failed_; });
    return !failed_;
  }
  void done() {
    {
      std::lock_guard lock(mutex_);
      ++next_;
    }
    changed_.notify_all();
  }
  void fail() {
    {
      std::lock_guard lock(mutex_);
      failed_ = true;
    }
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::int64_t next_ = 0;
  bool failed_ = false;
};

}  // namespace

void ScreenRun::format_lines(LineBatch& batch) const {
  batch.lines.clear();
  batch.rows.clear();
  std::string_view rest = batch.frames;
  for (const LineBatch::Join& join : batch.joins) {
    const std::string_view entry = take_frame(rest);
    const SpooledEntry e = SpooledEntry::read(entry);
    Settled settled;
    settled.status = e.status;
    if (e.profile >= 0 && join.verdict) {
      settled.duplicate_id = true;
      // `duplicates: review` sends it to a person; first|last drop it, not
      // screened at all.
      settled.dropped = *join.verdict == DupVerdict::kDuplicate;
      settled.status = settled.dropped ? Status::kDuplicate : Status::kReview;
    }
    if (settled.status == Status::kEligible) {
      if (!join.rank) continue;  // ranking listed it; no decision record
      settled.rank = join.rank;
      settled.status = join.ranked;
    } else if (e.profile >= 0 && needs_row_ && listed(settled.status)) {
      ShortlistRow row = ShortlistRow::parse(*e.row);
      row.status = settled.status;
      if (settled.dropped) row.score.reset();
      row.serialize(batch.rows.emplace_back(e.profile, std::string()).second);
    }
    if (!outputs_.decisions) continue;
    const std::size_t at = batch.lines.size();
    append_settled_line(batch.lines, e.line, e.marks, e.status, settled);
    // In place, a line longer than its entry would overwrite one not read yet.
    if (in_place_ && batch.lines.size() - at > entry.size() + kFrameHeader)
      throw std::logic_error("a settled decision line outgrew its entry");
  }
}

// Every entry, in input order, with its final status: a line of the
// decision record for each, and the listed ones that ranking did not list
// kept for the shortlist. This thread reads the spool and joins each entry
// with its verdict and rank, both in the same order; workers encode the
// lines, which are written in the order they were read.
//
// Built in place, the record overwrites the spool it is read from, from the
// file's first byte on: the run line fills (part of) the gap left for it,
// and each final line is no longer than the entry it comes from, so nothing
// is written over bytes not read yet. What is left past the summary line is
// cut off at the end.
void ScreenRun::write_decisions() {
  std::ostream* out = outputs_.decisions;
  std::ofstream in_place;
  if (in_place_) {
    in_place.open(spool_file_, std::ios::binary | std::ios::in | std::ios::out);
    if (!in_place) throw OutputError(spool_file_.string() + ": cannot write file");
    out = &in_place;
  }
  std::int64_t written = 0;
  if (out) {
    std::string line;
    append_run_line(line, rules_, options_.rules_sha256, summary_);
    if (in_place_ && line.size() > record_gap_)
      throw std::logic_error("the run line outgrew the room left for it");
    *out << line;
    written += static_cast<std::int64_t>(line.size());
  }
  FramedReader spool(spool_file_);
  spool.skip(record_gap_);
  // Each profile's ranks, in order of sequence number, as its entries come.
  std::vector<std::string_view> rank_payloads(ranks_.size());
  for (std::size_t p = 0; p < ranks_.size(); ++p) {
    std::string_view unused;
    if (ranks_[p]) ranks_[p]->next(unused, rank_payloads[p]);
  }

  WriteTurns turns;
  std::int64_t handed_out = 0;
  OrderedWork<LineBatch> work(
      pool_.get(),
      [this, out, &turns](LineBatch& batch) {
        try {
          format_lines(batch);
        } catch (...) {
          turns.fail();
          throw;
        }
        if (turns.wait(batch.turn) && out)
          out->write(batch.lines.data(), static_cast<std::streamsize>(batch.lines.size()));
        turns.done();
      },
      [&](LineBatch& batch) {
        phase_.bytes += static_cast<std::int64_t>(batch.lines.size());
        written += static_cast<std::int64_t>(batch.lines.size());
        for (const auto& [profile, row] : batch.rows) row_file(unranked_files_, "unranked-", profile).write(row);
      });

  std::string_view bytes;  // a view into the spool reader's buffer
  std::unique_ptr<LineBatch> batch;
  std::int64_t steps = 0;
  while (spool.next(bytes)) {
    if ((++steps & kStopCheckMask) == 0) check_stop(options_.stop);
    ++phase_.items;
    if (!batch) {
      batch = work.fresh();
      batch->frames.clear();
      batch->joins.clear();
      batch->turn = handed_out++;
    }
    // Only what the joins need: sequence, profile and status.
    const SpooledEntry e = SpooledEntry::read(bytes);
    LineBatch::Join& join = batch->joins.emplace_back();
    if (e.profile >= 0) join.verdict = verdict_for(e.seq, e.profile);
    const auto p = static_cast<std::size_t>(e.profile);
    if (e.status == Status::kEligible && !join.verdict && p < ranks_.size() && ranks_[p]) {
      // Every eligible entry was ranked; its profile's ranks arrive in the
      // same order.
      ByteReader rank(rank_payloads[p]);
      join.rank = rank.i64();
      join.ranked = static_cast<Status>(rank.u8());
      std::string_view unused;
      ranks_[p]->next(unused, rank_payloads[p]);
    }
    append_framed(batch->frames, [&](std::string& frame) { frame += bytes; });
    if (batch->joins.size() >= kLineBatchEntries || batch->frames.size() >= kLineBatchBytes)
      work.submit(std::move(batch));
  }
  if (batch) work.submit(std::move(batch));
  work.drain();
  ranks_.clear();
  if (out) {
    std::string line;
    append_summary_line(line, rules_, summary_);
    *out << line;
    written += static_cast<std::int64_t>(line.size());
  }
  if (in_place_) {
    in_place.close();
    std::error_code error;
    if (!in_place.fail()) std::filesystem::resize_file(spool_file_, static_cast<std::uintmax_t>(written), error);
    if (in_place.fail() || error)
      throw OutputError(spool_file_.string() + ": cannot write file (disk full?)");
  }
}

template <class Writer>
void ScreenRun::write_rows(Writer& writer) {
  writer.begin();
  std::string bytes;
  std::int64_t steps = 0;
  for (int p : summary_.profiles) {
    writer.begin_profile(p);
    for (const char* prefix : {"rows-", "unranked-"}) {
      const auto& files = prefix[0] == 'r' ? row_files_ : unranked_files_;
      if (!files[static_cast<std::size_t>(p)]) continue;
      FramedReader rows(scratch_.path() / (prefix + std::to_string(p)));
      while (rows.next(bytes)) {
        if ((++steps & kStopCheckMask) == 0) check_stop(options_.stop);
        ++phase_.items;
        writer.row(p, ShortlistRow::parse(bytes));
      }
    }
    writer.end_profile(p);
  }
  writer.end();
}

void ScreenRun::write_shortlist() {
  if (!outputs_.shortlist && !outputs_.shortlist_file) return;
  for (auto* files : {&row_files_, &unranked_files_})
    for (auto& f : *files)
      if (f) f->close();
  if (options_.format == ShortlistFormat::kXlsx) {
    if (!outputs_.shortlist_file) throw std::logic_error("an xlsx shortlist needs a file");
    // Its temporary files go to the scratch folder, removed however the run ends.
    XlsxShortlistWriter writer(*outputs_.shortlist_file, rules_, scratch_.path());
    write_rows(writer);
  } else {
    ShortlistWriter writer(*outputs_.shortlist, options_.format, rules_);
    write_rows(writer);
  }
}

}  // namespace shortlist
