#include "summary_printer.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace shortlist::cmd {

void print_summary(const Rules& rules, const ScreenSummary& summary) {
  std::string out = fmt::format("shortlist: {} records from {} input{}: {} invalid, {} matched no profile\n",
                                summary.records, summary.inputs.size(),
                                summary.inputs.size() == 1 ? "" : "s", summary.invalid,
                                summary.no_profile);
  std::size_t width = 7;
  for (int p : summary.profiles) width = std::max(width, rules.profiles[static_cast<std::size_t>(p)].id.size());
  out += fmt::format("  {:<{}}", "profile", width);
  for (auto s : kProfileStatuses) out += fmt::format(" {:>12}", status_name(s));
  out += '\n';
  for (int p : summary.profiles) {
    auto i = static_cast<std::size_t>(p);
    out += fmt::format("  {:<{}}", rules.profiles[i].id, width);
    for (std::size_t s = 0; s < kProfileStatuses.size(); ++s)
      out += fmt::format(" {:>12}", summary.counts[i][s]);
    out += '\n';
  }
  std::fputs(out.c_str(), stderr);
}

void print_stats(const ScreenSummary& summary) {
  std::string out = fmt::format("shortlist: {:<20} {:>9} {:>12} {:>11} {:>9}\n", "phase", "time",
                                "items", "items/s", "MB/s");
  double total = 0;
  for (const PhaseStat& p : summary.phases) {
    if (!p.part) total += p.seconds;
    const double seconds = std::max(p.seconds, 1e-9);
    const std::string mb = p.bytes > 0 ? fmt::format("{:.1f}", static_cast<double>(p.bytes) / 1e6 / seconds)
                                       : std::string("-");
    out += fmt::format("  {:<29} {:>7.3f} s {:>12} {:>11.0f} {:>9}\n", (p.part ? "  " : "") + p.name, p.seconds, p.items,
                       static_cast<double>(p.items) / seconds, mb);
  }
  out += fmt::format("  {:<29} {:>7.3f} s\n", "total", total);
  std::fputs(out.c_str(), stderr);
}

}  // namespace shortlist::cmd
