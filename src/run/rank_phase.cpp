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
  // Profiles in turn, as their keys' prefixes order them, so that the
  // entries taken out (one sort, in key order) are met in step. A profile's
  // sort is finished only when its turn comes, and dropped after it, so
  // that one profile's runs at a time are open.
  std::string_view key, payload, out_key, unused;
  bool more_out = taken_out_->next(out_key, unused);
  std::int64_t steps = 0;
  for (std::size_t p = 0; p < ranked_.size(); ++p) {
    if (!ranked_[p]) continue;
    ExternalSorter& ranked = *ranked_[p];
    ranked.finish();
    ProfileRanking ranking(rules_.profiles[p].shortlist);
    auto& counts = summary_.counts[p];
    std::int64_t read = 0, out_met = 0;
    while (ranked.next(key, payload)) {
      ++read;
      if ((++steps & kStopCheckMask) == 0) check_stop(options_.stop);
      while (more_out && out_key < key) more_out = taken_out_->next(out_key, unused);
      if (more_out && out_key == key) {  // counted by settle_duplicates
        ++out_met;
        continue;
      }
      // Past the cut, when no output needs the ranks and rows of the rest,
      // they are only counted: this entry and every one after it that no
      // verdict took out is reserve.
      if (!ranks_ && !listed(Status::kReserve) && ranking.rest_is_reserve()) {
        const std::int64_t rest =
            1 + (ranked_added_[p] - read) - (ranked_taken_out_[p] - out_met);
        counts[static_cast<std::size_t>(Status::kReserve)] += rest;
        phase_.items += rest;
        break;
      }
      ++phase_.items;
      std::int64_t seq = key_seq(payload);
      ShortlistRow row = ShortlistRow::parse(payload.substr(8));
      const ProfileRanking::Place place = ranking.next(row.score);
      const std::int64_t position = place.rank;
      row.rank = place.rank;
      row.status = place.status;
      ++counts[static_cast<std::size_t>(row.status)];
      if (ranks_) {
        std::string rank_key = seq_key(seq);
        append_profile_prefix(rank_key, static_cast<int>(p));
        std::string rank_payload;
        ByteWriter(rank_payload).i64(position);
        rank_payload += static_cast<char>(row.status);
        ranks_->add(rank_key, rank_payload);
      }
      if (listed(row.status)) row_file_write(row_files_, "rows-", static_cast<int>(p), row);
    }
    ranked_[p].reset();
  }
  taken_out_.reset();
  if (ranks_) ranks_->finish();
}

}  // namespace shortlist
