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

}  // namespace shortlist::cmd
