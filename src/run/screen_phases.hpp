#pragma once
// The state of one screening run, shared by its phases: the run itself and
// its essay are in screen_run.cpp, each phase in a file of its own.
#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "input/csv_blocks.hpp"
#include "run/duplicates.hpp"
#include "run/external_sorter.hpp"
#include "run/framed_file.hpp"
#include "run/run_keys.hpp"
#include "run/scratch_dir.hpp"
#include "run/spool_entry.hpp"
#include "run/thread_pool.hpp"
#include "shortlist/field_binding.hpp"
#include "shortlist/screen_run.hpp"
#include "shortlist/screening.hpp"
#include "shortlist/text_buffer.hpp"

namespace shortlist {

struct Batch {
  int input = 0;
  std::int64_t first_seq = 0;
  std::size_t count = 0;
  std::vector<Record> records;
  // A CSV block the worker parses into `records` first (when has_block).
  bool has_block = false;
  CsvBlock block;
  const CsvLayout* layout = nullptr;
  std::shared_ptr<const FieldBinding> binding;  ///< the input's
  const std::string* path = nullptr;            ///< the input's, as given
  // Results, filled by the worker.
  TextBuffer spool;  ///< built in many small appends (text_buffer.hpp)
  std::string rejects;
  /// The id sort's entries, one per (record, profile) decision with an id,
  /// as key and payload frames (see add_id), built by the worker.
  TextBuffer ids;
  std::int64_t invalid = 0;
  std::int64_t invalid_utf8 = 0;  ///< of those, records that are not valid UTF-8
  SpoolEntry entry;  ///< the entry being written, reused for its room
  /// The rank sort's entries, one per eligible decision, as key and payload
  /// frames: the rank key, then the sequence number and the shortlist row.
  TextBuffer ranked;
  // The statuses this batch's entries that are not eligible were given, per
  // profile, and its no-profile records (see Run::settle_duplicates).
  std::vector<std::array<std::int64_t, kProfileStatuses.size()>> counts;
  std::int64_t no_profile = 0;
  /// The batch's first decisions that fail --strict and are final when
  /// decided (when ScreenOptions::name_failed): invalid and no-profile
  /// records, and reviews without an id, which no duplicate verdict can
  /// change. Reviews with an id are named when duplicates are settled.
  FailedLists failed;
};

// Loops over every entry look at the stop flag once per this many + 1 entries.
constexpr std::int64_t kStopCheckMask = 4095;

// Values a batch may hold before it is handed out (see read_inputs).
constexpr std::size_t kBatchValues = std::size_t{1} << 17;

// Entries of the spool with what the later phases found for each, for a
// worker to turn into decision lines; the results are written in order.
struct LineBatch {
  struct Join {
    std::optional<DupVerdict> verdict;
    std::int64_t rank = 0;  ///< 0: not ranked
    Status ranked = Status::kEligible;
  };
  std::string frames;  ///< the entries, framed as in the spool
  std::vector<Join> joins;
  std::int64_t turn = 0;  ///< its place in the order the lines are written
  TextBuffer lines;  ///< result: decision lines
  std::vector<std::pair<int, std::string>> rows;  ///< result: unranked listed rows, serialized
};

// Entries handed to a worker at a time, and bytes of them.
constexpr std::size_t kLineBatchEntries = 2048;
constexpr std::size_t kLineBatchBytes = std::size_t{1} << 20;

class ScreenRun {
 public:
  ScreenRun(const Rules& rules, const ScreenOptions& options, const ScreenOutputs& outputs);
  /// The phases, one after another (screen_run.cpp).
  ScreenSummary run();

 private:
  // Runs one phase and records its time and the counts it left in phase_.
  template <class Phase>
  void timed(const char* name, Phase phase) {
    phase_ = PhaseStat{name, 0, 0, 0};
    const auto start = std::chrono::steady_clock::now();
    phase();
    phase_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    summary_.phases.push_back(phase_);
  }

  // An external sort in the scratch folder; with more than one thread it
  // sorts and writes its runs as jobs on the run's pool.
  std::unique_ptr<ExternalSorter> sorter(const std::string& name, std::size_t budget) const {
    return std::make_unique<ExternalSorter>(scratch_.path(), name, budget, pool_.get());
  }

  // ---- phase 1: read and decide (read_phase.cpp) ---------------------------
  void read_inputs();
  void decide_batch(Batch& batch) const;
  void decide_one(Batch& batch, const Record& record, std::int64_t seq,
                  const FieldBinding& binding, const std::string& path,
                  std::vector<TypedValue>& values, std::vector<ProfileDecision>& decisions) const;
  void collect(Batch& batch);
  // Appends `e` to the batch's spool: its decision line drafted for a
  // decision record, its row when the shortlist may list it unranked.
  void spool_entry(Batch& batch, const SpoolEntry& e) const {
    append_framed(batch.spool, [&](TextBuffer& out) {
      e.serialize(out, outputs_.decisions ? &rules_ : nullptr, needs_row_, line_room_);
    });
  }

  // ---- phase 2: settle duplicates (settle_phase.cpp) ----------------------
  void settle_duplicates();
  // Where the record of sequence number `seq` starts, as a source names it.
  std::string source_of(std::int64_t seq, const IdWhere& where) const;
  // ---- phase 3: rank (rank_phase.cpp) ---------------------------------------
  void rank();
  std::int64_t rank_profile(std::size_t p);
  // ---- phases 4 and 5: write (write_phase.cpp) ------------------------------
  void write_decisions();
  void format_lines(LineBatch& batch) const;
  void write_shortlist();
  // The rows of each profile through a ShortlistWriter or an XlsxShortlistWriter.
  template <class Writer>
  void write_rows(Writer& writer);
  bool listed(Status s) const {
    return std::find(options_.list_statuses.begin(), options_.list_statuses.end(), s) !=
           options_.list_statuses.end();
  }
  // Reads the verdict for `seq` from the sorted verdict stream, if there is one.
  std::optional<DupVerdict> verdict_for(std::int64_t seq, int profile);
  FramedWriter& row_file(std::vector<std::unique_ptr<FramedWriter>>& files, const char* prefix,
                         int profile);
  void row_file_write(std::vector<std::unique_ptr<FramedWriter>>& files, const char* prefix,
                      int profile, const ShortlistRow& row);

  const Rules& rules_;
  const ScreenOptions& options_;
  const ScreenOutputs& outputs_;
  ScratchDir scratch_;
  // With n threads, the n - 1 besides the calling one: they decide records,
  // spill the sorts and format decision lines. Declared before the sorts,
  // whose spills it runs, and after the scratch folder they write into.
  std::unique_ptr<ThreadPool> pool_;
  ScreenSummary summary_;
  std::unique_ptr<FramedWriter> spool_;
  // Verdicts by sequence number (for the spool's pass).
  std::unique_ptr<ExternalSorter> verdicts_;
  // One sort a profile, so that profiles are ranked side by side: the
  // eligible entries a verdict took out, by rank key (for the ranking), and
  // the ranks of the eligible by sequence number (for the decision record).
  std::vector<std::unique_ptr<ExternalSorter>> taken_out_, ranks_;
  // The eligible by rank key, one sort a profile, so that ranking a profile
  // can stop at its cut when no output needs the rest; how many entries
  // each was given, and how many of those a duplicate verdict took out.
  std::vector<std::unique_ptr<ExternalSorter>> ranked_;
  std::vector<std::int64_t> ranked_added_, ranked_taken_out_;
  // The id sort, in parts by a hash of (profile, id), one a thread: a
  // group's entries all go to one part, and the parts are settled side by
  // side (settle_phase.cpp).
  std::vector<std::unique_ptr<ExternalSorter>> id_parts_;
  // Shortlist rows per profile: ranked ones in rank order, then the unranked
  // that a listed status names, in input order.
  std::vector<std::unique_ptr<FramedWriter>> row_files_, unranked_files_;
  // The last verdict read, by (sequence, profile); before the first, one
  // less than any.
  std::pair<std::int64_t, int> verdict_at_{-1, -1};
  DupVerdict verdict_value_ = DupVerdict::kReview;
  bool verdicts_done_ = false;
  std::int64_t collected_ = 0;
  PhaseStat phase_;  // the phase running, for --stats
  PhaseStat cut_{"cut into blocks", 0, 0, 0, true};  // the reading thread's share of CSV
  bool needs_row_ = false;  // the shortlist may list entries that are not ranked
  // Every entry goes to the spool only when an output needs them all: the
  // decision record, or a listed status that ranking does not give. The
  // eligible always go to the rank sort.
  bool full_spool_ = false;
  // Where the spool is: in the scratch folder, or, when the decision record
  // is built in place, in the record's own file after a gap of record_gap_
  // bytes left for its run line. In place, each entry keeps line_room_
  // bytes more than its drafted line, so that no final line is longer than
  // the entry it overwrites (see write_decisions).
  std::filesystem::path spool_file_;
  bool in_place_ = false;
  std::size_t record_gap_ = 0, line_room_ = 0;
  // When typed_late_, the fields typed_first_ does not mark are typed only
  // when a rule reads them (see decide_record).
  std::vector<bool> typed_first_;
  bool typed_late_ = false;
};

/// Where the spool of every entry is written in the scratch folder.
inline std::filesystem::path spool_path(const std::filesystem::path& dir) { return dir / "spool"; }

}  // namespace shortlist
