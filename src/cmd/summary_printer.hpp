#pragma once
// The one-screen summary a run prints on standard error.
#include "shortlist/rules.hpp"
#include "shortlist/screen_run.hpp"

namespace shortlist::cmd {

/// Prints counts per input, per profile and status.
void print_summary(const Rules& rules, const ScreenSummary& summary);
/// Prints each phase's time, the items it went through and MB/s (--stats).
void print_stats(const ScreenSummary& summary);

}  // namespace shortlist::cmd
