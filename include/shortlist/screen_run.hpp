#pragma once
// A screening run (SPEC 4, 5, 6): every input read once, every record decided,
// duplicates settled, eligible records ranked, and the decision record, the
// rejects and the shortlist written, all in memory that does not grow with the
// number of records.
#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "shortlist/input.hpp"
#include "shortlist/interrupted.hpp"
#include "shortlist/rules.hpp"
#include "shortlist/shortlist_writer.hpp"
#include "shortlist/status.hpp"

namespace shortlist {

/// How far a run has got: written by the run as it reads, read by any
/// thread (a progress bar's). Nothing the run writes depends on it.
struct RunProgress {
  std::atomic<std::int64_t> records{0};  ///< records read and decided so far
  std::atomic<std::int64_t> bytes{0};    ///< bytes of the inputs read, as stored (a .gz's)
  std::atomic<bool> read{false};         ///< every input read: duplicates, ranks, writing
};

struct ScreenOptions {
  std::vector<InputOptions> inputs;
  std::string rules_sha256;             ///< for the run line
  std::vector<int> profiles;            ///< selected profiles; empty: all
  std::vector<Status> list_statuses = {Status::kShortlisted};  ///< rows of the shortlist
  ShortlistFormat format = ShortlistFormat::kCsv;
  int threads = 1;
  std::size_t memory_budget = std::size_t{32} << 20;  ///< per sorter, before spilling
  std::filesystem::path temp_dir;       ///< scratch space; empty: the system's
  std::size_t batch_size = 512;         ///< records handed to a worker at a time
  /// The least bytes of CSV text handed to a worker at a time, to parse
  /// there: a block is every whole record read when it is cut, so screen
  /// reads its inputs in pieces of this size. Tests make it tiny, so that
  /// records fall across the cuts.
  std::size_t block_size = std::size_t{256} << 10;
  /// Where the run says how far it has got, for a progress display only;
  /// null: nowhere.
  RunProgress* progress = nullptr;
  /// Read between steps: when it holds a signal number the run stops by
  /// throwing Interrupted, its scratch folder removed. Null: never.
  const StopFlag* stop = nullptr;
  /// Called with the scratch folder once it exists, so that a command that must
  /// exit without unwinding (a read blocked on a pipe) can still remove it.
  std::function<void(const std::filesystem::path&)> on_scratch;
  /// Name the first decisions of each status that fails `screen --strict`
  /// (ScreenSummary::failed). It costs a little more sorting (where each
  /// record with an id is, for those a duplicate verdict sends to review),
  /// so only --strict asks for it.
  bool name_failed = false;
};

/// Where the outputs go; null streams are not written.
struct ScreenOutputs {
  std::ostream* shortlist = nullptr;
  std::ostream* decisions = nullptr;
  std::ostream* rejects = nullptr;
  /// The new, empty regular file behind `decisions`, when there is one that
  /// nothing else writes (an AtomicFile's temporary file): the run then
  /// builds the decision record in it directly and leaves the stream unused.
  /// The decisions wait in the file itself, where each is overwritten by its
  /// final line, so the record's bytes are written once rather than spooled
  /// elsewhere first (see screen_run.cpp).
  const std::filesystem::path* decisions_file = nullptr;
  /// An xlsx shortlist's file, which is written by path, not through a
  /// stream (`shortlist` is then null): a new, empty file that nothing else
  /// writes, such as an AtomicFile's temporary file.
  const std::filesystem::path* shortlist_file = nullptr;
};

struct InputSummary {
  std::string path;
  InputOptions options;  ///< how it was read: recorded, since it changes results
  std::string sha256;
  std::int64_t records = 0;
  std::int64_t bytes = 0;
};

/// How long one phase of a run took (`screen --stats`): for people tuning a
/// run, never written to any output file.
struct PhaseStat {
  std::string name;
  double seconds = 0;
  std::int64_t items = 0;  ///< records, ids or entries the phase went through
  std::int64_t bytes = 0;  ///< bytes it read or wrote, where that means something; else 0
  /// A part of the phase before it that one thread does while others work
  /// (the reading thread cutting CSV into blocks): shown under it, and not
  /// added to the total.
  bool part = false;
};

/// How many decisions of each status that fails `screen --strict` a run
/// names: the first ones in input order.
constexpr std::size_t kFailedNamed = 10;

/// A decision that fails `screen --strict` (SPEC 1 v1.1): invalid, review or
/// no-profile.
struct FailedDecision {
  std::int64_t seq = 0;  ///< the record's sequence number in the run
  int profile = -1;      ///< the profile of a review; -1 for the others
  std::string source;    ///< where the record starts: "a.csv:7"
  std::string reason;    ///< why, when known; else empty
};

/// The first kFailedNamed decisions offered, in input order (by record, then
/// profile): the same whatever order they were offered in, so that lists
/// gathered by several threads merge into the same one.
class FirstFailed {
 public:
  /// Whether a decision of (seq, profile) would be kept: for one that would
  /// not, no source and reason need be worked out.
  bool wants(std::int64_t seq, int profile) const;
  void offer(FailedDecision decision);
  void merge(const FirstFailed& other);
  void clear() { list_.clear(); }
  const std::vector<FailedDecision>& list() const { return list_; }

 private:
  std::vector<FailedDecision> list_;  ///< in input order, at most kFailedNamed
};

/// The first decisions of each status that fails `screen --strict`.
struct FailedLists {
  FirstFailed invalid, review, no_profile;
};

struct ScreenSummary {
  std::vector<InputSummary> inputs;
  std::int64_t records = 0;
  std::int64_t invalid = 0;
  std::int64_t invalid_utf8 = 0;  ///< invalid records that are not valid UTF-8
  std::int64_t no_profile = 0;
  /// Per profile of the rules, counts indexed like kProfileStatuses.
  std::vector<std::array<std::int64_t, kProfileStatuses.size()>> counts;
  std::vector<int> profiles;  ///< the profiles screened
  std::vector<PhaseStat> phases;  ///< in the order they ran
  /// Filled only when ScreenOptions::name_failed asks.
  FailedLists failed;
};

/// Runs the screening. Throws InputError (unusable input), OutputError, or
/// Interrupted when `options.stop` asks for it.
ScreenSummary run_screening(const Rules& rules, const ScreenOptions& options,
                            const ScreenOutputs& outputs);

}  // namespace shortlist
