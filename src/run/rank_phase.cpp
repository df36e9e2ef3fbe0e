// Phase 3 of a screening run: ranking the eligible (see screen_run.cpp; where
// the shortlist is cut is in ranking.cpp).
//
// Each profile is ranked on its own: its eligible in rank order (one sort),
// less those a duplicate verdict took out (one sort, in the same order, so
// they are met in step), its counts, its rows and, for the decision record,
// its ranks by sequence number (one sort). Nothing is shared between
// profiles, so they are ranked side by side, as many at once as the run has
// threads; what each gives is the same whichever thread ranks it, and when.
// At most that many profiles have their sorts' runs open at once.
#include <atomic>
#include <future>
#include <memory>

#include "run/ranking.hpp"
#include "run/run_keys.hpp"
#include "run/screen_phases.hpp"

namespace shortlist {

FramedWriter& ScreenRun::row_file(std::vector<std::unique_ptr<FramedWriter>>& files, const char* prefix,
                            int profile) {
  auto& file = files[static_cast<std::size_t>(profile)];
  if (!file)
    file = std::make_unique<FramedWriter>(scratch_.path() / (prefix + std::to_string(profile)));
  return *file;
}

void ScreenRun::row_file_write(std::vector<std::unique_ptr<FramedWriter>>& files, const char* prefix,
                         int profile, const ShortlistRow& row) {
  std::string bytes;
  row.serialize(bytes);
  row_file(files, prefix, profile).write(bytes);
}

// Profile `p`'s eligible in rank order, less those a duplicate verdict took
// out; returns how many entries it placed or counted as reserve past the
// cut (the phase's items). Touches only what is profile p's.
std::int64_t ScreenRun::rank_profile(std::size_t p) {
  ExternalSorter& ranked = *ranked_[p];
  ExternalSorter& taken_out = *taken_out_[p];
  ExternalSorter* ranks = ranks_[p].get();
  ranked.finish();
  ProfileRanking ranking(rules_.profiles[p].shortlist);
  auto& counts = summary_.counts[p];
  std::string_view key, payload, out_key, unused;
  bool more_out = taken_out.next(out_key, unused);
  std::int64_t read = 0, out_met = 0, items = 0;
  std::string rank_key, rank_payload;
  while (ranked.next(key, payload)) {
    ++read;
    if ((read & kStopCheckMask) == 0) check_stop(options_.stop);
    while (more_out && out_key < key) more_out = taken_out.next(out_key, unused);
    if (more_out && out_key == key) {  // counted by settle_duplicates
      ++out_met;
      continue;
    }
    // Past the cut, when no output needs the ranks and rows of the rest,
    // they are only counted: this entry and every one after it that no
    // verdict took out is reserve.
    if (!ranks && !listed(Status::kReserve) && ranking.rest_is_reserve()) {
      const std::int64_t rest = 1 + (ranked_added_[p] - read) - (ranked_taken_out_[p] - out_met);
      counts[static_cast<std::size_t>(Status::kReserve)] += rest;
      items += rest;
      break;
    }
    ++items;
    const std::int64_t seq = key_seq(payload);
    ShortlistRow row = ShortlistRow::parse(payload.substr(8));
    const ProfileRanking::Place place = ranking.next(row.score);
    row.rank = place.rank;
    row.status = place.status;
    ++counts[static_cast<std::size_t>(row.status)];
    if (ranks) {
      rank_key = seq_key(seq);
      append_profile_prefix(rank_key, static_cast<int>(p));
      rank_payload.clear();
      ByteWriter(rank_payload).i64(place.rank);
      rank_payload += static_cast<char>(row.status);
      ranks->add(rank_key, rank_payload);
    }
    if (listed(row.status)) row_file_write(row_files_, "rows-", static_cast<int>(p), row);
  }
  ranked_[p].reset();
  taken_out_[p].reset();
  if (ranks) ranks->finish();
  return items;
}

void ScreenRun::rank() {
  const std::size_t profiles = rules_.profiles.size();
  row_files_.resize(profiles);
  unranked_files_.resize(profiles);
  std::vector<std::size_t> to_rank;
  for (std::size_t p = 0; p < profiles; ++p)
    if (ranked_[p]) to_rank.push_back(p);
  // Ranks go back to the entries only for the decision record. A quarter of
  // the budget, shared by the profiles: with the whole of it this sort
  // (about 50 bytes an eligible entry) reached it only past some 650,000
  // eligible entries, and memory grew with the input up to there; a quarter
  // is reached before the benchmark's million applicants (265,000 eligible),
  // and stays flat.
  ranks_.clear();
  ranks_.resize(profiles);
  if (outputs_.decisions && !to_rank.empty()) {
    const std::size_t budget = std::max<std::size_t>(options_.memory_budget / 4 / to_rank.size(), 1);
    for (std::size_t p : to_rank) ranks_[p] = sorter("ranks-" + std::to_string(p), budget);
  }
  // Profiles are taken in turn by as many threads as the run has.
  std::vector<std::int64_t> items(profiles, 0);
  std::atomic<std::size_t> next{0};
  const auto take_profiles = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < to_rank.size();)
      items[to_rank[i]] = rank_profile(to_rank[i]);
  };
  const std::size_t threads =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(1, options_.threads)), to_rank.size());
  std::vector<std::future<void>> others;
  for (std::size_t t = 1; t < threads; ++t) others.push_back(std::async(std::launch::async, take_profiles));
  try {
    take_profiles();
  } catch (...) {
    next = to_rank.size();  // the others stop after their profile
    for (auto& other : others) other.wait();
    throw;
  }
  for (auto& other : others) other.get();  // rethrows what a thread threw
  taken_out_.clear();
  for (std::int64_t n : items) phase_.items += n;
}

}  // namespace shortlist
