#include "run/external_sorter.hpp"

#include <algorithm>
#include <cstring>

namespace shortlist {
namespace {
// Read-ahead per run while merging: small, since there is one per run.
constexpr std::size_t kRunReadAhead = std::size_t{64} << 10;
}  // namespace

ExternalSorter::ExternalSorter(std::filesystem::path temp_dir, std::string name,
                               std::size_t memory_budget)
    : temp_dir_(std::move(temp_dir)), name_(std::move(name)), budget_(memory_budget) {}

ExternalSorter::~ExternalSorter() {
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
  std::uint64_t v = 0;
  for (std::size_t i = from; i < from + 8; ++i)
    v = (v << 8) | (i < key.size() ? static_cast<unsigned char>(key[i]) : 0U);
  return v;
}

}  // namespace

void ExternalSorter::add(std::string_view key, std::string_view payload) {
  entries_.push_back({{key_word(key, 0), key_word(key, 8)},
                      arena_.size(),
                      static_cast<std::uint32_t>(key.size()),
                      static_cast<std::uint32_t>(payload.size())});
  arena_.append(key);
  arena_.append(payload);
  if (arena_.size() + entries_.size() * sizeof(Entry) > budget_) spill();
}

void ExternalSorter::sort_memory() {
  // Equal prefixes leave it to the whole keys: a key shorter than 16 bytes
  // is padded with zeros, so "a" and "a\0" tie here and are told apart there.
  std::sort(entries_.begin(), entries_.end(), [this](const Entry& a, const Entry& b) {
    if (a.prefix[0] != b.prefix[0]) return a.prefix[0] < b.prefix[0];
    if (a.prefix[1] != b.prefix[1]) return a.prefix[1] < b.prefix[1];
    return key_of(a) < key_of(b);
  });
}

void ExternalSorter::spill() {
  sort_memory();
  auto path = temp_dir_ / (name_ + "-run-" + std::to_string(run_paths_.size()));
  FramedWriter out(path);
  std::string header(4, '\0');
  for (const auto& e : entries_) {
    for (int i = 0; i < 4; ++i)
      header[static_cast<std::size_t>(i)] = static_cast<char>((e.key_size >> (8 * i)) & 0xFF);
    out.write(header, std::string_view(arena_).substr(e.offset, e.key_size + e.payload_size));
  }
  out.close();
  run_paths_.push_back(path);
  entries_.clear();
  arena_.clear();
}

void ExternalSorter::finish() {
  finished_ = true;
  if (run_paths_.empty()) {
    sort_memory();
    return;
  }
  if (!entries_.empty()) spill();
  std::string().swap(arena_);
  open_runs();
}

void ExternalSorter::rewind() {
  memory_pos_ = 0;
  if (!run_paths_.empty()) open_runs();
}

void ExternalSorter::open_runs() {
  runs_.clear();
  heap_.clear();
  last_run_ = SIZE_MAX;
  runs_.resize(run_paths_.size());
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    runs_[i].reader = std::make_unique<FramedReader>(run_paths_[i], kRunReadAhead);
    if (advance(runs_[i])) heap_.push_back(i);
  }
  auto greater = [this](std::size_t a, std::size_t b) {
    return run_key(runs_[a]) > run_key(runs_[b]);
  };
  std::make_heap(heap_.begin(), heap_.end(), greater);
}

bool ExternalSorter::advance(Run& run) { return run.reader->next(run.current); }

std::string_view ExternalSorter::run_key(const Run& run) {
  std::uint32_t n = 0;
  std::memcpy(&n, run.current.data(), 4);  // written little-endian on a little-endian host
  return std::string_view(run.current).substr(4, n);
}

bool ExternalSorter::next(std::string_view& key, std::string_view& payload) {
  if (run_paths_.empty()) {
    if (memory_pos_ >= entries_.size()) return false;
    const Entry& e = entries_[memory_pos_++];
    key = key_of(e);
    payload = std::string_view(arena_).substr(e.offset + e.key_size, e.payload_size);
    return true;
  }
  auto greater = [this](std::size_t a, std::size_t b) {
    return run_key(runs_[a]) > run_key(runs_[b]);
  };
  // The run handed out last time moves on only now, so its views stayed valid.
  if (last_run_ != SIZE_MAX) {
    if (advance(runs_[last_run_])) {
      heap_.push_back(last_run_);
      std::push_heap(heap_.begin(), heap_.end(), greater);
    }
    last_run_ = SIZE_MAX;
  }
  if (heap_.empty()) return false;
  std::pop_heap(heap_.begin(), heap_.end(), greater);
  last_run_ = heap_.back();
  heap_.pop_back();
  const Run& run = runs_[last_run_];
  key = run_key(run);
  payload = std::string_view(run.current).substr(4 + key.size());
  return true;
}

}  // namespace shortlist
