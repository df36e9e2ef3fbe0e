#pragma once
// Sorting more entries than fit in memory.
//
// Ranking and the duplicate policy need every eligible record in order, yet
// memory must not grow with the number of records. Entries (a key and a
// payload, both bytes) are kept in memory up to a budget; past it they are
// sorted and written to a run file (optionally as a job on a thread pool,
// each of the two buffers then having half the budget), and finish() merges
// the runs. Keys are
// compared as bytes (memcmp), so callers encode whatever order they need into
// the key; every key carries a record's sequence number, so no two keys are
// equal and the order never depends on how the work was split.
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <queue>
#include <string>
#include <string_view>
#include <vector>

#include "run/framed_file.hpp"
#include "run/thread_pool.hpp"

namespace shortlist {

class ExternalSorter {
 public:
  /// Run files go to `temp_dir` and are named after `name`. With a
  /// `background` pool, runs are sorted and written as jobs on it, which
  /// must outlive the sorter.
  ExternalSorter(std::filesystem::path temp_dir, std::string name, std::size_t memory_budget,
                 ThreadPool* background = nullptr);
  ~ExternalSorter();
  ExternalSorter(const ExternalSorter&) = delete;
  ExternalSorter& operator=(const ExternalSorter&) = delete;

  void add(std::string_view key, std::string_view payload);
  /// Ends adding. Entries then come out in key order through next().
  void finish();
  /// The next entry; the views stay valid until the following call. False at the end.
  bool next(std::string_view& key, std::string_view& payload);
  /// Starts reading from the first entry again (after finish()).
  void rewind();
  /// Number of run files to merge (for tests): at most 64 once finished.
  std::size_t runs() const { return run_paths_.size(); }

 private:
  struct Entry {
    // The key's first 16 bytes, big-endian, zero-padded: most comparisons
    // end there, without reaching into the arena.
    std::uint64_t prefix[2];
    std::size_t offset;
    std::uint32_t key_size;
    std::uint32_t payload_size;
  };
  struct Run {
    // A run file, or (without a reader) the entries left in memory at the
    // end, from `next_entry` on.
    std::unique_ptr<FramedReader> reader;
    std::size_t next_entry = 0;
    // The entry read last: its key (with the first 16 bytes as an Entry
    // keeps them, for the merge's comparisons) and payload, views into the
    // reader's buffer.
    std::uint64_t prefix[2] = {0, 0};
    std::string_view key, payload;
  };
  std::string_view key_of(const Entry& e) const;
  void reserve_buffers();
  static void sort_entries(std::vector<Entry>& entries, const std::string& arena);
  // Puts the entries left in memory in order lazily (see sort_memory in
  // the .cpp): the first chunk now, the rest as memory_entry() reaches it.
  void sort_memory();
  void sort_memory_to(std::size_t end);
  const Entry& memory_entry(std::size_t i);
  void open_runs();
  void merge_down_runs();
  std::filesystem::path next_run_path();
  // Sorts the entries in memory and writes them as a run. In the background,
  // a job on the pool does it while adding goes on into the other buffers:
  // the caller (the reading thread, which feeds the workers) waits on a
  // sort only when the one before has not ended, and runs the pool's
  // queued jobs meanwhile.
  void spill();
  void wait_for_spill();
  // Waits for the spill in progress, if any, to end, without its outcome.
  void await_spill();
  bool advance(Run& run);
  static bool run_less(const Run& a, const Run& b);
  // Restores the heap's order from its top down, after the top changed.
  void sift_down();

  std::filesystem::path temp_dir_;
  std::string name_;
  std::size_t budget_;
  ThreadPool* background_;
  std::string arena_;
  std::vector<Entry> entries_;
  std::size_t sorted_ = 0;  // after finish(), entries_[0, sorted_) are in order
  // The buffers a spill in progress sorts and writes, and its end.
  std::string spill_arena_;
  std::vector<Entry> spill_entries_;
  std::future<void> spilling_;
  std::string run_frames_;  // a run's frames on their way to its file: one spill at a time uses it
  std::vector<std::filesystem::path> run_paths_;
  std::size_t runs_named_ = 0;  // run files named so far, for the next one's name
  // Reading back: either straight from memory, or merging runs.
  std::size_t memory_pos_ = 0;
  std::vector<Run> runs_;
  // Indices into runs_, a min-heap on the current key. The run whose entry
  // was handed out last stays at the top until the next call moves it on,
  // so that its views stay valid.
  std::vector<std::size_t> heap_;
  bool top_handed_out_ = false;
  bool finished_ = false;
};

}  // namespace shortlist
