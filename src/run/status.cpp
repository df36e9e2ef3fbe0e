#include "shortlist/status.hpp"

namespace shortlist {
namespace {
constexpr std::array<std::string_view, 9> kNames = {
    "shortlisted", "reserve", "below-cutoff", "ineligible", "review",
    "duplicate",   "no-profile", "invalid",   "eligible"};
}

std::string_view status_name(Status status) { return kNames[static_cast<std::size_t>(status)]; }

std::optional<Status> parse_status(std::string_view name) {
  for (std::size_t i = 0; i + 1 < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<Status>(i);
  return std::nullopt;
}

}  // namespace shortlist
