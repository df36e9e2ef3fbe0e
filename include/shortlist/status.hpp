#pragma once
// Decision statuses (SPEC 4.1).
#include <array>
#include <optional>
#include <string_view>

namespace shortlist {

enum class Status : unsigned char {
  kShortlisted,
  kReserve,
  kBelowCutoff,
  kIneligible,
  kReview,
  kDuplicate,
  kNoProfile,
  kInvalid,
  kEligible,  ///< internal: passed every check and the cut-off, waiting for its rank
};

/// The statuses counted per profile in the summary, in SPEC order.
inline constexpr std::array<Status, 6> kProfileStatuses = {
    Status::kShortlisted, Status::kReserve, Status::kBelowCutoff,
    Status::kIneligible,  Status::kReview,  Status::kDuplicate};

/// "shortlisted", "below-cutoff", "no-profile", ...
std::string_view status_name(Status status);
/// The status a name denotes; nullopt for an unknown name.
std::optional<Status> parse_status(std::string_view name);

}  // namespace shortlist
