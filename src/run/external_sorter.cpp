#include "run/external_sorter.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "run/huge_pages.hpp"

namespace shortlist {
namespace {
// Read-ahead per run while merging: small, since there is one per run.
constexpr std::size_t kRunReadAhead = std::size_t{64} << 10;
// Runs merged at once at most (see merge_down_runs).
constexpr std::size_t kMostRunsAtOnce = 64;
// A run's frames are gathered and written 256 KiB at a time: three writes
// per entry cost more than the sort. Each sort keeps this buffer, and each
// page of it is a page fault the first time it is written (about 10 us on
// a virtual machine): at 1 MiB, the seven sorts of a two-thread run paid
// some 1,800 of them for buffers that a quarter of the size serves as well.
constexpr std::size_t kRunFlushAt = std::size_t{256} << 10;

// Appends one entry of a run: its key's size, key and payload, framed.
void append_run_entry(std::string& frames, std::string_view key, std::string_view payload) {
  append_framed(frames, [&](std::string& record) {
    const auto n = static_cast<std::uint32_t>(key.size());
    for (int i = 0; i < 4; ++i) record += static_cast<char>((n >> (8 * i)) & 0xFF);
    record.append(key);
    record.append(payload);
  });
}
}  // namespace

ExternalSorter::ExternalSorter(std::filesystem::path temp_dir, std::string name,
                               std::size_t memory_budget, ThreadPool* background)
    : temp_dir_(std::move(temp_dir)),
      name_(std::move(name)),
      budget_(memory_budget),
      background_(background) {}

ExternalSorter::~ExternalSorter() {
  await_spill();  // what it threw is of no use here
  runs_.clear();
  std::error_code ignored;
  for (const auto& p : run_paths_) std::filesystem::remove(p, ignored);
}

std::string_view ExternalSorter::key_of(const Entry& e) const {
  return std::string_view(arena_).substr(e.offset, e.key_size);
}

namespace {

// Bytes [from, from + 8) of `key` as a big-endian number, zero past its end:
// numbers compare as the bytes do.
std::uint64_t key_word(std::string_view key, std::size_t from) {
  if (key.size() >= from + 8) {
    std::uint64_t v = 0;
    std::memcpy(&v, key.data() + from, 8);
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
    return v;
  }
  std::uint64_t v = 0;
  for (std::size_t i = from; i < from + 8; ++i)
    v = (v << 8) | (i < key.size() ? static_cast<unsigned char>(key[i]) : 0U);
  return v;
}

}  // namespace

void ExternalSorter::add(std::string_view key, std::string_view payload) {
  if (entries_.capacity() == 0) reserve_buffers();
  entries_.push_back({{key_word(key, 0), key_word(key, 8)},
                      arena_.size(),
                      static_cast<std::uint32_t>(key.size()),
                      static_cast<std::uint32_t>(payload.size())});
  arena_.append(key);
  arena_.append(payload);
  // In the background two buffers may be full at once: each has half.
  const std::size_t held = arena_.size() + entries_.size() * sizeof(Entry);
  if ((background_ ? 2 * held : held) > budget_) spill();
}

// A buffer gets its room at once, when its first entry comes, rather than
// by doubling: it is spilled when its entries and their bytes pass its share
// of the budget, so that room is all it ever holds but for the last entry's
// bytes. Room stays reserved, not touched, until entries fill it: a sort
// given three entries touches a page. Past 64 MiB a buffer grows as it
// fills, so that a large --sort-memory asks for memory only as it is used.
void ExternalSorter::reserve_buffers() {
  constexpr std::size_t kMostAtOnce = std::size_t{64} << 20;
  constexpr std::size_t kSlack = std::size_t{64} << 10;  // for the last entry's bytes
  const std::size_t share = std::min(background_ ? budget_ / 2 : budget_, kMostAtOnce);
  reserve_huge(entries_, share / sizeof(Entry) + 1);
  reserve_huge(arena_, share + kSlack);
}

namespace {

// Entries in key order. Equal prefixes leave it to the whole keys: a key
// shorter than 16 bytes is padded with zeros, so "a" and "a\0" tie here and
// are told apart there.
struct EntryLess {
  std::string_view bytes;
  template <class Entry>
  bool operator()(const Entry& a, const Entry& b) const {
    if (a.prefix[0] != b.prefix[0]) return a.prefix[0] < b.prefix[0];
    if (a.prefix[1] != b.prefix[1]) return a.prefix[1] < b.prefix[1];
    return bytes.substr(a.offset, a.key_size) < bytes.substr(b.offset, b.key_size);
  }
};

// The first chunk of the entries left in memory that is put in order when
// reading starts; each later one is as long as all before it.
constexpr std::size_t kFirstSortedChunk = 4096;

}  // namespace

// Entries often come in order already: an export listed in the order of its
// ids fills the ids' sort in order. One pass finds it out, and spares the
// sort (one thread's CPU time with `-o` on the benchmark's million records:
// 0.961 of what it was, 11 paired runs).
void ExternalSorter::sort_entries(std::vector<Entry>& entries, const std::string& arena) {
  const EntryLess less{arena};
  if (!std::is_sorted(entries.begin(), entries.end(), less)) std::sort(entries.begin(), entries.end(), less);
}

// The entries left in memory at the end are put in order a chunk at a time,
// as reading reaches them: the smallest chunk-full picked out of the rest
// (nth_element), then sorted. A reader that stops early, as ranking does at
// a shortlist's cut, leaves most of them unsorted; one that reads them all
// pays about what one sort would. Entries already in order are left so.
void ExternalSorter::sort_memory() {
  sorted_ = 0;
  if (std::is_sorted(entries_.begin(), entries_.end(), EntryLess{arena_})) {
    sorted_ = entries_.size();
    return;
  }
  sort_memory_to(std::min(kFirstSortedChunk, entries_.size()));
}

void ExternalSorter::sort_memory_to(std::size_t end) {
  if (end <= sorted_) return;
  end = std::min(std::max(end, 2 * sorted_), entries_.size());
  const EntryLess less{arena_};
  const auto first = entries_.begin() + static_cast<std::ptrdiff_t>(sorted_);
  const auto last = entries_.begin() + static_cast<std::ptrdiff_t>(end);
  if (end < entries_.size()) std::nth_element(first, last, entries_.end(), less);
  std::sort(first, last, less);
  sorted_ = end;
}

const ExternalSorter::Entry& ExternalSorter::memory_entry(std::size_t i) {
  if (i >= sorted_) sort_memory_to(i + 1);
  return entries_[i];
}

namespace {

// Writes `entries`, sorted, as a run: each as its key's size, key, payload,
// framed. The frames are gathered in `frames` and written a megabyte at a
// time: three writes per entry cost more than the sort. The same buffer
// serves every run of a sort, so that a spill touches no new memory.
template <class Entries>
void write_run(const std::filesystem::path& path, const Entries& entries, std::string_view arena,
               std::string& frames) {
  // The run's size is known before it is written: each entry is framed as
  // its length, its key's size, its key and its payload.
  std::int64_t size = 0;
  for (const auto& e : entries) size += 8 + std::int64_t{e.key_size} + std::int64_t{e.payload_size};
  FramedWriter out(path, size);
  frames.clear();
  frames.reserve(kRunFlushAt + 4096);
  for (const auto& e : entries) {
    append_run_entry(frames, arena.substr(e.offset, e.key_size),
                     arena.substr(e.offset + e.key_size, e.payload_size));
    if (frames.size() >= kRunFlushAt) {
      out.write_framed(frames);
      frames.clear();
    }
  }
  out.write_framed(frames);
  out.close();
}

}  // namespace

void ExternalSorter::spill() {
  auto path = next_run_path();
  run_paths_.push_back(path);
  if (!background_) {
    sort_entries(entries_, arena_);
    write_run(path, entries_, arena_, run_frames_);
    entries_.clear();
    arena_.clear();
    return;
  }
  wait_for_spill();  // its buffers, emptied, are the next ones to fill
  std::swap(arena_, spill_arena_);
  std::swap(entries_, spill_entries_);
  spilling_ = background_->submit_background([this, path = std::move(path)] {
    sort_entries(spill_entries_, spill_arena_);
    write_run(path, spill_entries_, spill_arena_, run_frames_);
    spill_entries_.clear();
    spill_arena_.clear();
  });
}

void ExternalSorter::await_spill() {
  // The spill may still be queued behind other jobs: they are run here
  // rather than waited for, the spill itself too.
  if (spilling_.valid()) background_->help_until(spilling_, true);
}

void ExternalSorter::wait_for_spill() {
  await_spill();
  if (spilling_.valid()) spilling_.get();  // rethrows what the spill threw
}

void ExternalSorter::finish() {
  finished_ = true;
  if (run_paths_.empty()) {
    sort_memory();
    return;
  }
  // The entries added since the last spill stay in memory as one more run,
  // merged from memory rather than written and read back, and put in order
  // as reading reaches them (sort_memory).
  sort_memory();
  wait_for_spill();
  std::string().swap(spill_arena_);
  std::vector<Entry>().swap(spill_entries_);
  merge_down_runs();
  std::string().swap(run_frames_);
  open_runs();
}

// While more than kMostRunsAtOnce runs are left, the oldest kMostRunsAtOnce
// are merged into one more: reading merges every run at once, each an open
// file with its read-ahead, and neither may grow with the number of runs
// (a small --sort-memory over millions of records writes thousands). At the
// default budget a sort writes that many only past some ten million records.
void ExternalSorter::merge_down_runs() {
  while (run_paths_.size() > kMostRunsAtOnce) {
    // The new run is listed before it is written, so that the destructor
    // removes it too if merging fails half way.
    const auto out_path = next_run_path();
    run_paths_.push_back(out_path);
    std::vector<Run> runs(kMostRunsAtOnce);
    std::vector<std::size_t> heap;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      runs[i].reader = std::make_unique<FramedReader>(run_paths_[i], kRunReadAhead);
      if (advance(runs[i])) heap.push_back(i);
    }
    const auto later = [&runs](std::size_t a, std::size_t b) { return run_less(runs[b], runs[a]); };
    std::make_heap(heap.begin(), heap.end(), later);
    // The merged run is as long as the runs it merges, framed as they are.
    std::int64_t size = 0;
    for (std::size_t i = 0; i < kMostRunsAtOnce; ++i) {
      std::error_code unknown;
      const auto bytes = std::filesystem::file_size(run_paths_[i], unknown);
      if (!unknown) size += static_cast<std::int64_t>(bytes);
    }
    FramedWriter out(out_path, size);
    run_frames_.clear();
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), later);
      Run& run = runs[heap.back()];
      append_run_entry(run_frames_, run.key, run.payload);
      if (run_frames_.size() >= kRunFlushAt) {
        out.write_framed(run_frames_);
        run_frames_.clear();
      }
      if (advance(run)) {
        std::push_heap(heap.begin(), heap.end(), later);
      } else {
        heap.pop_back();
      }
    }
    out.write_framed(run_frames_);
    out.close();
    runs.clear();
    std::error_code ignored;
    for (std::size_t i = 0; i < kMostRunsAtOnce; ++i) std::filesystem::remove(run_paths_[i], ignored);
    run_paths_.erase(run_paths_.begin(), run_paths_.begin() + static_cast<std::ptrdiff_t>(kMostRunsAtOnce));
  }
}

std::filesystem::path ExternalSorter::next_run_path() {
  return temp_dir_ / (name_ + "-run-" + std::to_string(runs_named_++));
}

void ExternalSorter::rewind() {
  memory_pos_ = 0;
  if (!run_paths_.empty()) open_runs();
}

void ExternalSorter::open_runs() {
  runs_.clear();
  heap_.clear();
  top_handed_out_ = false;
  runs_.resize(run_paths_.size() + (entries_.empty() ? 0 : 1));
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    if (i < run_paths_.size())
      runs_[i].reader = std::make_unique<FramedReader>(run_paths_[i], kRunReadAhead);
    if (advance(runs_[i])) heap_.push_back(i);
  }
  std::make_heap(heap_.begin(), heap_.end(),
                 [this](std::size_t a, std::size_t b) { return run_less(runs_[b], runs_[a]); });
}

bool ExternalSorter::advance(Run& run) {
  if (!run.reader) {
    if (run.next_entry >= entries_.size()) return false;
    const Entry& e = memory_entry(run.next_entry++);
    run.key = key_of(e);
    run.payload = std::string_view(arena_).substr(e.offset + e.key_size, e.payload_size);
    run.prefix[0] = e.prefix[0];
    run.prefix[1] = e.prefix[1];
    return true;
  }
  std::string_view entry;  // [u32 key size][key][payload]
  if (!run.reader->next(entry)) return false;
  std::uint32_t n = 0;
  std::memcpy(&n, entry.data(), 4);  // written little-endian on a little-endian host
  run.key = entry.substr(4, n);
  run.payload = entry.substr(4 + n);
  run.prefix[0] = key_word(run.key, 0);
  run.prefix[1] = key_word(run.key, 8);
  return true;
}

bool ExternalSorter::run_less(const Run& a, const Run& b) {
  if (a.prefix[0] != b.prefix[0]) return a.prefix[0] < b.prefix[0];
  if (a.prefix[1] != b.prefix[1]) return a.prefix[1] < b.prefix[1];
  return a.key < b.key;
}

void ExternalSorter::sift_down() {
  const std::size_t n = heap_.size();
  std::size_t at = 0;
  const std::size_t moving = heap_[0];
  for (;;) {
    std::size_t child = 2 * at + 1;
    if (child >= n) break;
    if (child + 1 < n && run_less(runs_[heap_[child + 1]], runs_[heap_[child]])) ++child;
    if (!run_less(runs_[heap_[child]], runs_[moving])) break;
    heap_[at] = heap_[child];
    at = child;
  }
  heap_[at] = moving;
}

bool ExternalSorter::next(std::string_view& key, std::string_view& payload) {
  if (run_paths_.empty()) {
    if (memory_pos_ >= entries_.size()) return false;
    const Entry& e = memory_entry(memory_pos_++);
    key = key_of(e);
    payload = std::string_view(arena_).substr(e.offset + e.key_size, e.payload_size);
    return true;
  }
  // The run handed out last time moves on only now, so its views stayed
  // valid: its next entry takes its place at the top, or it leaves the heap.
  if (top_handed_out_) {
    top_handed_out_ = false;
    if (!advance(runs_[heap_[0]])) {
      heap_[0] = heap_.back();
      heap_.pop_back();
    }
    if (!heap_.empty()) sift_down();
  }
  if (heap_.empty()) return false;
  top_handed_out_ = true;
  const Run& run = runs_[heap_[0]];
  key = run.key;
  payload = run.payload;
  return true;
}

}  // namespace shortlist
