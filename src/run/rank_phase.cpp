// Phase 3 of a screening run: ranking the eligible (see screen_run.cpp; where
// the shortlist is cut is in ranking.cpp).
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

// The eligible in rank order, less those a duplicate verdict took out: both
// sorts come in the same order, so the ones taken out are met in step.
void ScreenRun::rank() {
  row_files_.resize(rules_.profiles.size());
  unranked_files_.resize(rules_.profiles.size());
  // Ranks go back to the entries only for the decision record. A quarter of
  // the budget: with the whole of it this sort (about 50 bytes an eligible
  // entry) reached it only past some 650,000 eligible entries, and memory
  // grew with the input up to there; a quarter is reached before the
  // benchmark's million applicants (265,000 eligible), and stays flat.
  if (outputs_.decisions)
    ranks_ = sorter("ranks", options_.memory_budget / 4);
  if (ranked_finished_.valid())
    ranked_finished_.get();  // rethrows what finishing threw
  else
    ranked_->finish();
  std::string_view key, payload, out_key, unused;
  bool more_out = taken_out_->next(out_key, unused);
  int profile = -1;
  std::optional<ProfileRanking> ranking;
  std::int64_t steps = 0;
  while (ranked_->next(key, payload)) {
    if ((++steps & kStopCheckMask) == 0) check_stop(options_.stop);
    while (more_out && out_key < key) more_out = taken_out_->next(out_key, unused);
    if (more_out && out_key == key) continue;  // counted by settle_duplicates
    ++phase_.items;
    int p = key_profile(key);
    if (p != profile) {
      profile = p;
      ranking.emplace(rules_.profiles[static_cast<std::size_t>(p)].shortlist);
    }
    // Past the cut, an entry whose rank and row no output needs is only
    // counted.
    if (!ranks_ && !listed(Status::kReserve) && ranking->rest_is_reserve()) {
      ++summary_.counts[static_cast<std::size_t>(p)][static_cast<std::size_t>(Status::kReserve)];
      continue;
    }
    std::int64_t seq = key_seq(payload);
    ShortlistRow row = ShortlistRow::parse(payload.substr(8));
    const ProfileRanking::Place place = ranking->next(row.score);
    const std::int64_t position = place.rank;
    row.rank = place.rank;
    row.status = place.status;
    ++summary_.counts[static_cast<std::size_t>(p)][static_cast<std::size_t>(row.status)];
    if (ranks_) {
      std::string rank_key = seq_key(seq);
      append_profile_prefix(rank_key, p);
      std::string rank_payload;
      ByteWriter(rank_payload).i64(position);
      rank_payload += static_cast<char>(row.status);
      ranks_->add(rank_key, rank_payload);
    }
    if (listed(row.status)) row_file_write(row_files_, "rows-", p, row);
  }
  ranked_.reset();
  taken_out_.reset();
  if (ranks_) ranks_->finish();
}

}  // namespace shortlist
