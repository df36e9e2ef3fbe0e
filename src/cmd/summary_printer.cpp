#include "summary_printer.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "colour.hpp"
#include "shortlist/json_writer.hpp"
#include "shortlist/shortlist_writer.hpp"

namespace shortlist::cmd {

namespace {

// A status's name in the table's head, right-aligned in `width`, in the
// colour of what it asks of a person: nothing more (the listed), a look
// (review, duplicate), or none (the rest).
std::string status_heading(Status status, std::size_t width) {
  const std::string_view name = status_name(status);
  const std::string blanks(width > name.size() ? width - name.size() : 0, ' ');
  switch (status) {
    case Status::kShortlisted:
    case Status::kReserve: return blanks + paint(name, Paint::kGood);
    case Status::kReview:
    case Status::kDuplicate: return blanks + paint(name, Paint::kAttention);
    default: return blanks + std::string(name);
  }
}

}  // namespace

void print_summary(const Rules& rules, const ScreenSummary& summary) {
  const std::string invalid = std::to_string(summary.invalid) + " invalid";
  std::string out = fmt::format("shortlist: {} records from {} input{}: {}, {} matched no profile\n",
                                summary.records, summary.inputs.size(),
                                summary.inputs.size() == 1 ? "" : "s",
                                summary.invalid > 0 ? paint(invalid, Paint::kBad) : invalid,
                                summary.no_profile);
  std::size_t width = 7;
  for (int p : summary.profiles) width = std::max(width, rules.profiles[static_cast<std::size_t>(p)].id.size());
  out += fmt::format("  {:<{}}", "profile", width);
  for (auto s : kProfileStatuses) out += " " + status_heading(s, 12);
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

std::optional<SummaryFormat> summary_format_from_path(const std::string& path) {
  auto ends_with = [&](std::string_view suffix) {
    return path.size() > suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".json")) return SummaryFormat::kJson;
  if (ends_with(".md")) return SummaryFormat::kMarkdown;
  return std::nullopt;
}

namespace {

std::string json_document(const Rules& rules, const std::string& rules_sha256,
                          const ScreenSummary& summary) {
  std::string out = "{\"call\":{\"id\":";
  append_json_string(out, rules.call.id);
  out += ",\"title\":";
  append_json_string(out, rules.call.title);
  out += "},\"rules\":{\"path\":";
  append_json_string(out, rules.path);
  out += ",\"sha256\":";
  append_json_string(out, rules_sha256);
  out += "},\"records\":" + std::to_string(summary.records) +
         ",\"invalid\":" + std::to_string(summary.invalid) +
         ",\"no-profile\":" + std::to_string(summary.no_profile) + ",\"inputs\":[";
  for (std::size_t i = 0; i < summary.inputs.size(); ++i) {
    out += i ? ",{\"path\":" : "{\"path\":";
    append_json_string(out, summary.inputs[i].path);
    out += ",\"records\":" + std::to_string(summary.inputs[i].records) + "}";
  }
  out += "],\"profiles\":[";
  bool first = true;
  for (int p : summary.profiles) {
    const auto i = static_cast<std::size_t>(p);
    out += first ? "{\"id\":" : ",{\"id\":";
    first = false;
    append_json_string(out, rules.profiles[i].id);
    out += ",\"title\":";
    append_json_string(out, rules.profiles[i].title);
    for (std::size_t s = 0; s < kProfileStatuses.size(); ++s) {
      out += ",\"";
      out += status_name(kProfileStatuses[s]);
      out += "\":" + std::to_string(summary.counts[i][s]);
    }
    out += '}';
  }
  out += "]}\n";
  return out;
}

std::string markdown_document(const Rules& rules, const std::string& rules_sha256,
                              const ScreenSummary& summary) {
  const std::string& call = rules.call.title.empty() ? rules.call.id : rules.call.title;
  std::string out = "## Screening: " + markdown_cell(call) + "\n\n";
  out += fmt::format("{} records from {} input{}: {} invalid, {} matched no profile.\n\n",
                     summary.records, summary.inputs.size(), summary.inputs.size() == 1 ? "" : "s",
                     summary.invalid, summary.no_profile);
  out += "| profile |";
  for (auto s : kProfileStatuses) out.append(" ").append(status_name(s)).append(" |");
  out += "\n| --- |";
  for (std::size_t s = 0; s < kProfileStatuses.size(); ++s) out += " ---: |";
  out += '\n';
  for (int p : summary.profiles) {
    const auto i = static_cast<std::size_t>(p);
    out += "| " + markdown_cell(rules.profiles[i].id) + " |";
    for (std::size_t s = 0; s < kProfileStatuses.size(); ++s)
      out += " " + std::to_string(summary.counts[i][s]) + " |";
    out += '\n';
  }
  out += "\n- rules: " + markdown_cell(rules.path) + " (SHA-256 " + rules_sha256 + ")\n";
  for (const InputSummary& in : summary.inputs)
    out += "- input: " + markdown_cell(in.path) + ", " + std::to_string(in.records) + " records\n";
  return out;
}

}  // namespace

std::string summary_document(SummaryFormat format, const Rules& rules,
                             const std::string& rules_sha256, const ScreenSummary& summary) {
  return format == SummaryFormat::kJson ? json_document(rules, rules_sha256, summary)
                                        : markdown_document(rules, rules_sha256, summary);
}

void print_encoding_hint(const ScreenSummary& summary) {
  bool utf8_input = false;
  for (const InputSummary& in : summary.inputs) utf8_input |= in.options.encoding == Encoding::kUtf8;
  if (!utf8_input || summary.invalid_utf8 == 0 || summary.invalid_utf8 * 2 <= summary.invalid) return;
  std::fprintf(stderr,
               "shortlist: hint: %lld of the %lld invalid records are not valid UTF-8; if the "
               "file was saved by Excel or an older system, try --encoding windows-1252 (or "
               "latin1)\n",
               static_cast<long long>(summary.invalid_utf8), static_cast<long long>(summary.invalid));
}

}  // namespace shortlist::cmd
