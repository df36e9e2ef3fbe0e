#pragma once
// Ranks and the shortlist's cut (SPEC 4.2). See ranking.cpp.
#include <cstdint>
#include <optional>
#include <string>

#include "shortlist/rules.hpp"
#include "shortlist/status.hpp"

namespace shortlist {

/// Gives each eligible entry of one profile its rank and status, fed in the
/// profile's order: best first.
class ProfileRanking {
 public:
  explicit ProfileRanking(const ShortlistSpec& spec) : spec_(spec) {}

  struct Place {
    std::int64_t rank;
    Status status;  ///< kShortlisted or kReserve
  };
  /// The next entry's place; `score` is the exact decimal's canonical text.
  Place next(const std::optional<std::string>& score);
  /// True when every entry from here on is `reserve`, whatever its score:
  /// the first `top` have been placed and ties are not shortlisted.
  bool rest_is_reserve() const {
    return spec_.top && position_ >= *spec_.top && !spec_.include_ties;
  }

 private:
  const ShortlistSpec& spec_;
  std::int64_t position_ = 0;
  std::optional<std::string> cutoff_score_;  ///< the score at position `top`
};

}  // namespace shortlist
