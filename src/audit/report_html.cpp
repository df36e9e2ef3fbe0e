// The screening report as one self-contained HTML file (SPEC 7): no script,
// nothing fetched (a Content-Security-Policy that allows none), inline CSS,
// charts as inline SVG. Every value that comes from the record is escaped,
// and shown in an isolated direction so that a right-to-left mark in a name
// cannot turn the rest of its row around.
#include <algorithm>
#include <string>

#include "shortlist/report.hpp"
#include "shortlist/shortlist_writer.hpp"

namespace shortlist {
namespace {

// Whether a byte must be written otherwise in HTML text or a quoted attribute.
bool needs_escape(char c) {
  return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
}

// Appends text for an element or a quoted attribute; control characters
// (which a record may hold, escaped) shown as U+FFFD, as in the shortlist's
// cells. Runs that need nothing are copied whole.
void append_escaped(std::string& out, std::string_view text) {
  std::size_t from = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const std::size_t control = c == '\t' || c == '\n' ? 0 : shown_control_length(text, i);
    if (control == 0 && !needs_escape(c)) continue;
    out.append(text.substr(from, i - from));
    switch (control ? '\0' : c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += "\uFFFD";
    }
    i += control ? control - 1 : 0;
    from = i + 1;
  }
  out.append(text.substr(from));
}

std::string esc(std::string_view text) {
  std::string out;
  append_escaped(out, text);
  return out;
}

constexpr const char* kStyle = R"(
:root{color-scheme:light}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#fff}
main{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:2px solid #2b6cb0;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0 1rem}
th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere;word-break:break-word}
td{unicode-bidi:isolate}
th{background:#f3f5f8;font-weight:600}
.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.src{min-width:9rem}
.id{min-width:5rem}
td.bar{width:35%}
svg{display:block;max-width:100%;height:auto}
svg.hist{max-width:44rem}
svg.meter rect.back{fill:#e8edf3}
svg.meter rect.fill,svg.hist rect{fill:#2b6cb0}
svg.hist text{font:11px system-ui,sans-serif;fill:#333}
svg.hist line.axis{stroke:#666;stroke-width:1}
svg.hist line.cut{stroke:#c53030;stroke-width:2;stroke-dasharray:6 4}
svg.hist text.cut{fill:#c53030}
.muted{color:#555}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.3rem 0 1rem}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere;unicode-bidi:isolate}
code{font-size:.9em}
@media (max-width:40rem){td.bar{display:none}main{padding:.5rem}.src{min-width:7rem}.id{min-width:4rem}dl{grid-template-columns:1fr}}
@media print{main{max-width:none}h2{break-after:avoid}tr{break-inside:avoid}td.bar{width:30%}}
)";

void funnel(std::ostream& out, const ProfileReport& p) {
  const std::int64_t screened = p.funnel.front().count;
  out << "<h3>Funnel</h3>\n<table class=\"funnel\">\n<thead><tr><th>stage</th>"
         "<th class=\"n\">applicants</th><th class=\"n\">share</th><th class=\"bar\"></th></tr></thead>\n<tbody>\n";
  for (const ReportStage& s : p.funnel) {
    // The bar's length in tenths of a percent of the screened, as an integer.
    const std::int64_t tenths = screened == 0 ? 0 : s.count * 1000 / screened;
    out << "<tr><td>" << esc(s.label);
    if (!s.text.empty()) out << "<br><span class=\"muted\">" << esc(s.text) << "</span>";
    out << "</td><td class=\"n\">" << s.count << "</td><td class=\"n\">" << percent_of(s.count, screened)
        << "</td><td class=\"bar\"><svg class=\"meter\" viewBox=\"0 0 1000 24\" preserveAspectRatio=\"none\" "
           "role=\"img\" aria-label=\""
        << percent_of(s.count, screened) << "\"><rect class=\"back\" width=\"1000\" height=\"24\"/>"
        << "<rect class=\"fill\" width=\"" << tenths << "\" height=\"24\"/></svg></td></tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

void histogram(std::ostream& out, const ProfileReport& p) {
  const ScoreSummary& s = p.scores;
  out << "<h3>Scores of the eligible</h3>\n";
  if (s.count == 0) {
    out << "<p class=\"muted\">No eligible applicant has a score.</p>\n";
    return;
  }
  out << "<p>" << s.count << " scored: lowest " << s.lowest.to_string() << ", median "
      << s.median.to_string() << ", highest " << s.highest.to_string();
  if (p.cutoff) out << "; cut-off " << p.cutoff->to_string();
  out << ".</p>\n";
  // Plot area: x from 50 to 590, y from 10 to 200, labels under it.
  constexpr int kLeft = 50, kRight = 590, kTop = 10, kBottom = 200;
  const std::int64_t most = *std::max_element(s.bins.begin(), s.bins.end());
  const auto n = static_cast<std::int64_t>(s.bins.size());
  const std::int64_t span = kRight - kLeft;
  out << "<svg class=\"hist\" viewBox=\"0 0 600 240\" role=\"img\" aria-label=\"histogram of "
      << s.count << " scores\">\n";
  out << "<line class=\"axis\" x1=\"" << kLeft << "\" y1=\"" << kBottom << "\" x2=\"" << kRight
      << "\" y2=\"" << kBottom << "\"/>\n";
  out << "<text x=\"" << kLeft - 6 << "\" y=\"" << kTop + 10 << "\" text-anchor=\"end\">" << most << "</text>\n";
  out << "<text x=\"" << kLeft - 6 << "\" y=\"" << kBottom << "\" text-anchor=\"end\">0</text>\n";
  const std::int64_t label_every = n <= 10 ? 1 : 2;
  for (std::int64_t i = 0; i < n; ++i) {
    const std::int64_t x0 = kLeft + span * i / n, x1 = kLeft + span * (i + 1) / n;
    const std::int64_t count = s.bins[static_cast<std::size_t>(i)];
    const std::int64_t h = most == 0 ? 0 : (kBottom - kTop) * count / most;
    out << "<rect x=\"" << x0 + 1 << "\" y=\"" << kBottom - h << "\" width=\"" << std::max<std::int64_t>(x1 - x0 - 2, 1)
        << "\" height=\"" << h << "\"><title>" << count << "</title></rect>\n";
    if (i % label_every == 0) {
      const Decimal from = Decimal::from_raw(s.bin_start.raw() + s.bin_width.raw() * i);
      out << "<text x=\"" << x0 << "\" y=\"" << kBottom + 16 << "\">" << esc(from.to_string()) << "</text>\n";
    }
  }
  if (p.cutoff) {
    const __int128 total = s.bin_width.raw() * n;
    const __int128 offset = p.cutoff->raw() - s.bin_start.raw();
    if (offset >= 0 && offset <= total) {
      const auto x = static_cast<std::int64_t>(kLeft + static_cast<__int128>(span) * offset / total);
      out << "<line class=\"cut\" x1=\"" << x << "\" y1=\"" << kTop << "\" x2=\"" << x << "\" y2=\""
          << kBottom << "\"/>\n<text class=\"cut\" x=\"" << x + 4 << "\" y=\"" << kBottom + 34
          << "\">cut-off " << esc(p.cutoff->to_string()) << "</text>\n";
    }
  }
  out << "</svg>\n";
}

void reasons(std::ostream& out, const char* heading, const std::vector<ReasonCount>& reasons) {
  out << "<h3>" << heading << "</h3>\n";
  if (reasons.empty()) {
    out << "<p class=\"muted\">None.</p>\n";
    return;
  }
  out << "<table>\n<thead><tr><th>rule</th><th class=\"n\">applicants</th></tr></thead>\n<tbody>\n";
  for (const ReasonCount& r : reasons) {
    out << "<tr><td>" << esc(r.label);
    if (!r.text.empty()) out << "<br><span class=\"muted\">" << esc(r.text) << "</span>";
    out << "</td><td class=\"n\">" << r.count << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

void lists(std::ostream& out, Report& report, std::size_t p) {
  out << "<h3>Shortlist</h3>\n";
  bool any = false;
  std::string row;  // each row built whole, then written once
  report.each_shortlisted(p, [&](const ShortlistedEntry& e) {
    if (!any)
      out << "<table>\n<thead><tr><th class=\"n\">rank</th><th class=\"id\">id</th><th class=\"n\">score</th>"
             "<th class=\"src\">source</th></tr></thead>\n<tbody>\n";
    any = true;
    row.assign("<tr><td class=\"n\">").append(std::to_string(e.rank)).append("</td><td class=\"id\">");
    append_escaped(row, e.id);
    row += "</td><td class=\"n\">";
    append_escaped(row, e.score);
    row += "</td><td class=\"src\">";
    append_escaped(row, e.source);
    row += "</td></tr>\n";
    out << row;
  });
  out << (any ? "</tbody>\n</table>\n" : "<p class=\"muted\">Nobody.</p>\n");
  out << "<h3>Review worklist</h3>\n";
  any = false;
  report.each_review(p, [&](const ReviewEntry& e) {
    if (!any)
      out << "<table>\n<thead><tr><th class=\"id\">id</th><th class=\"src\">source</th><th>why</th></tr></thead>\n<tbody>\n";
    any = true;
    row.assign("<tr><td class=\"id\">");
    append_escaped(row, e.id);
    row += "</td><td class=\"src\">";
    append_escaped(row, e.source);
    row += "</td><td>";
    append_escaped(row, e.reason);
    row += "</td></tr>\n";
    out << row;
  });
  out << (any ? "</tbody>\n</table>\n" : "<p class=\"muted\">Nobody.</p>\n");
}

}  // namespace

void render_html(Report& report, std::ostream& out) {
  const std::string title =
      report.call_title.empty() ? "Screening report" : "Screening report: " + report.call_title;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; img-src data:\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
      << esc(title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n<main>\n<h1>"
      << esc(title) << "</h1>\n";
  out << "<h2>Run</h2>\n<dl>\n<dt>tool</dt><dd>shortlist " << esc(report.version) << "</dd>\n"
      << "<dt>rules</dt><dd>" << esc(report.rules_path) << "<br><code>SHA-256 " << esc(report.rules_sha256)
      << "</code></dd>\n";
  for (const ReportInput& in : report.inputs)
    out << "<dt>input</dt><dd>" << esc(in.path) << ", " << in.records << " records<br><code>SHA-256 "
        << esc(in.sha256) << "</code></dd>\n";
  out << "<dt>records</dt><dd>" << report.records << " (invalid " << report.invalid << ", no profile "
      << report.no_profile << ")</dd>\n</dl>\n";
  if (!report.have_rules)
    out << "<p class=\"muted\">The rules file was not available: rules are named by id, and no "
           "cut-off is shown.</p>\n";
  for (std::size_t p = 0; p < report.profiles.size(); ++p) {
    const ProfileReport& profile = report.profiles[p];
    out << "<section>\n<h2>" << esc(profile.id);
    if (!profile.title.empty()) out << ": " << esc(profile.title);
    out << "</h2>\n";
    funnel(out, profile);
    histogram(out, profile);
    reasons(out, "Why ineligible", profile.ineligible);
    reasons(out, "Why review", profile.review);
    lists(out, report, p);
    out << "</section>\n";
  }
  out << "</main>\n</body>\n</html>\n";
}

}  // namespace shortlist
