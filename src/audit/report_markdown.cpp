// The screening report as GitHub-flavoured Markdown (SPEC 7), for a CI step
// summary: the same content as the HTML report, charts as tables. Cells are
// escaped as the shortlist's Markdown is.
#include <string>

#include "shortlist/report.hpp"
#include "shortlist/shortlist_writer.hpp"

namespace shortlist {
namespace {

void reasons(std::ostream& out, const char* heading, const std::vector<ReasonCount>& reasons) {
  out << "\n### " << heading << "\n\n";
  if (reasons.empty()) {
    out << "None.\n";
    return;
  }
  out << "| rule | applicants | text |\n| --- | ---: | --- |\n";
  for (const ReasonCount& r : reasons)
    out << "| " << markdown_cell(r.label) << " | " << r.count << " | " << markdown_cell(r.text) << " |\n";
}

void scores(std::ostream& out, const ProfileReport& p) {
  const ScoreSummary& s = p.scores;
  out << "\n### Scores of the eligible\n\n";
  if (s.count == 0) {
    out << "No eligible applicant has a score.\n";
    return;
  }
  out << s.count << " scored: lowest " << s.lowest.to_string() << ", median " << s.median.to_string()
      << ", highest " << s.highest.to_string();
  if (p.cutoff) out << "; cut-off " << p.cutoff->to_string();
  out << ".\n\n| from | below | applicants | |\n| ---: | ---: | ---: | --- |\n";
  for (std::size_t i = 0; i < s.bins.size(); ++i) {
    const __int128 from = s.bin_start.raw() + s.bin_width.raw() * static_cast<__int128>(i);
    const __int128 below = from + s.bin_width.raw();
    const bool cut = p.cutoff && p.cutoff->raw() >= from && p.cutoff->raw() < below;
    out << "| " << Decimal::from_raw(from).to_string() << " | " << Decimal::from_raw(below).to_string()
        << " | " << s.bins[i] << " | " << (cut ? "cut-off " + p.cutoff->to_string() : "") << " |\n";
  }
}

}  // namespace

void render_markdown(Report& report, std::ostream& out) {
  out << "# " << markdown_cell(report.call_title.empty() ? "Screening report"
                                                          : "Screening report: " + report.call_title)
      << "\n\n## Run\n\n";
  out << "- tool: shortlist " << markdown_cell(report.version) << "\n";
  out << "- rules: " << markdown_cell(report.rules_path) << " (SHA-256 " << markdown_cell(report.rules_sha256)
      << ")\n";
  for (const ReportInput& in : report.inputs)
    out << "- input: " << markdown_cell(in.path) << ", " << in.records << " records (SHA-256 "
        << markdown_cell(in.sha256) << ")\n";
  out << "- records: " << report.records << " (invalid " << report.invalid << ", no profile "
      << report.no_profile << ")\n";
  if (!report.have_rules)
    out << "\nThe rules file was not available: rules are named by id, and no cut-off is shown.\n";
  for (std::size_t p = 0; p < report.profiles.size(); ++p) {
    const ProfileReport& profile = report.profiles[p];
    out << "\n## " << markdown_cell(profile.id);
    if (!profile.title.empty()) out << ": " << markdown_cell(profile.title);
    out << "\n\n### Funnel\n\n| stage | applicants | share |\n| --- | ---: | ---: |\n";
    const std::int64_t screened = profile.funnel.front().count;
    for (const ReportStage& s : profile.funnel)
      out << "| " << markdown_cell(s.label) << " | " << s.count << " | " << percent_of(s.count, screened)
          << " |\n";
    scores(out, profile);
    reasons(out, "Why ineligible", profile.ineligible);
    reasons(out, "Why review", profile.review);
    out << "\n### Shortlist\n\n";
    bool any = false;
    report.each_shortlisted(p, [&](const ShortlistedEntry& e) {
      if (!any) out << "| rank | id | score | source |\n| ---: | --- | ---: | --- |\n";
      any = true;
      out << "| " << e.rank << " | " << markdown_cell(e.id) << " | " << markdown_cell(e.score) << " | "
          << markdown_cell(e.source) << " |\n";
    });
    if (!any) out << "Nobody.\n";
    out << "\n### Review worklist\n\n";
    any = false;
    report.each_review(p, [&](const ReviewEntry& e) {
      if (!any) out << "| id | source | why |\n| --- | --- | --- |\n";
      any = true;
      out << "| " << markdown_cell(e.id) << " | " << markdown_cell(e.source) << " | "
          << markdown_cell(e.reason) << " |\n";
    });
    if (!any) out << "Nobody.\n";
  }
}

}  // namespace shortlist
