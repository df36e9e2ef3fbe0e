#include "audit/decision_record.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <simdjson.h>

#include <algorithm>
#include <iterator>
#include <string_view>

#include "run/spool_entry.hpp"
#include "shortlist/json_writer.hpp"
#include "shortlist/text_buffer.hpp"

namespace shortlist {

// Literals appended as string_views: their length is known when compiled.
using namespace std::literals;

namespace {

template <class Out>
void append_optional(Out& out, const std::optional<std::string>& s) {
  if (s)
    append_json_string(out, *s);
  else
    out += "null"sv;
}

const std::string& profile_id(const Rules& rules, int profile) {
  return rules.profiles[static_cast<std::size_t>(profile)].id;
}

// How an input was read, where it changes what is read: the format (given or
// from the extension), the encoding, and a delimiter given on the command
// line; for a workbook, the sheet given on the command line.
void append_reading_options(std::string& out, const InputOptions& o) {
  static constexpr std::string_view kFormats[] = {"csv", "tsv", "json", "jsonl", "xlsx"};
  static constexpr std::string_view kEncodings[] = {"utf-8", "latin1", "windows-1252"};
  auto format = o.format ? o.format : format_from_extension(o.path);
  if (format) {
    out += ",\"format\":\""sv;
    out += kFormats[static_cast<std::size_t>(*format)];
    out += '"';
  }
  if (format == InputFormat::kXlsx) {
    // A workbook is UTF-8 XML and has no delimiter: only its sheet.
    if (!o.sheet.empty()) {
      out += ",\"sheet\":"sv;
      append_json_string(out, o.sheet);
    }
    return;
  }
  out += ",\"encoding\":\""sv;
  out += kEncodings[static_cast<std::size_t>(o.encoding)];
  out += '"';
  if (o.delimiter) {
    out += ",\"delimiter\":"sv;
    append_json_string(out, std::string_view(&o.delimiter, 1));
  }
}

}  // namespace

void append_run_line(std::string& out, const Rules& rules, const std::string& rules_sha256,
                     const ScreenSummary& summary) {
  out += "{\"kind\":\"run\",\"tool\":\"shortlist\",\"version\":\"" SHORTLIST_VERSION
         "\",\"call\":{\"id\":";
  append_json_string(out, rules.call.id);
  out += ",\"title\":"sv;
  append_json_string(out, rules.call.title);
  out += "},\"rules\":{\"path\":"sv;
  append_json_string(out, rules.path);
  out += ",\"sha256\":\"" + rules_sha256 + "\"},\"inputs\":[";
  for (std::size_t i = 0; i < summary.inputs.size(); ++i) {
    const auto& in = summary.inputs[i];
    if (i) out += ',';
    out += "{\"path\":"sv;
    append_json_string(out, in.path);
    out += ",\"sha256\":\"" + in.sha256 + "\",\"records\":" + std::to_string(in.records);
    append_reading_options(out, in.options);
    out += "}"sv;
  }
  out += "],\"profiles\":["sv;
  for (std::size_t i = 0; i < summary.profiles.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, profile_id(rules, summary.profiles[i]));
  }
  out += "]}\n"sv;
}

template <class Out>
DraftMarks append_decision_draft(Out& out, const Rules& rules, const SpoolEntry& e) {
  const std::size_t start = out.size();
  const auto mark = [&] { return static_cast<std::uint32_t>(out.size() - start); };
  DraftMarks m;
  out += "{\"kind\":\"decision\",\"source\":"sv;
  append_json_string(out, e.source);
  if (e.status == Status::kInvalid) {
    out += ",\"status\":\"invalid\",\"reason\":"sv;
    append_json_string(out, e.reason);
    out += "}\n"sv;
    return m;  // never settled
  }
  out += ",\"id\":"sv;
  append_optional(out, e.row.id);
  out += ",\"profile\":"sv;
  if (e.profile >= 0 && !rules.profiles[static_cast<std::size_t>(e.profile)].id_json.empty())
    out += rules.profiles[static_cast<std::size_t>(e.profile)].id_json;
  else if (e.profile >= 0)
    append_json_string(out, profile_id(rules, e.profile));
  else
    out += "null"sv;
  m.status = mark();
  out += ",\"status\":\""sv;
  out += status_name(e.status);
  out += '"';
  m.score = mark();
  out += ",\"score\":"sv;
  append_optional(out, e.row.score);
  m.rank = mark();
  out += ",\"rank\":null"sv;
  m.checks = mark();
  out += ",\"checks\":"sv;
  out += e.checks_json.view();
  out += ",\"points\":"sv;
  out += e.points_json.view();
  m.reason = mark();
  if (!e.reason.empty()) {
    out += ",\"reason\":"sv;
    append_json_string(out, e.reason);
  }
  out += "}\n"sv;
  return m;
}

template DraftMarks append_decision_draft(std::string&, const Rules&, const SpoolEntry&);
template DraftMarks append_decision_draft(TextBuffer&, const Rules&, const SpoolEntry&);

template <class Out>
void append_settled_line(Out& out, std::string_view draft, const DraftMarks& m,
                         Status drafted, const Settled& settled) {
  if (settled.status == drafted && settled.rank == 0 && !settled.duplicate_id) {
    out += draft;
    return;
  }
  const auto part = [&](std::uint32_t from, std::uint32_t to) { out += draft.substr(from, to - from); };
  part(0, m.status);
  out += ",\"status\":\""sv;
  out += status_name(settled.status);
  out += '"';
  if (settled.dropped)
    out += ",\"score\":null"sv;
  else
    part(m.score, m.rank);
  out += ",\"rank\":"sv;
  if (settled.rank)
    append_integer(out, settled.rank);
  else
    out += "null"sv;
  if (settled.dropped)
    out += ",\"checks\":[],\"points\":[]"sv;
  else
    part(m.checks, m.reason);
  if (settled.duplicate_id)
    out += ",\"reason\":\"duplicate-id\""sv;
  else
    part(m.reason, static_cast<std::uint32_t>(draft.size() - 2));
  out += "}\n"sv;
}

template void append_settled_line(std::string&, std::string_view, const DraftMarks&, Status,
                                  const Settled&);
template void append_settled_line(TextBuffer&, std::string_view, const DraftMarks&, Status,
                                  const Settled&);

std::size_t max_settled_growth() {
  std::size_t longest_status = 0;
  for (Status s : kProfileStatuses) longest_status = std::max(longest_status, status_name(s).size());
  constexpr std::size_t kRankDigits = 19;  // the most an int64 has
  // A score is at least `,"score":""` in the draft, `,"score":null` dropped.
  constexpr std::size_t kDroppedScore = sizeof(",\"score\":null") - sizeof(",\"score\":\"\"");
  constexpr std::size_t kDuplicateReason = sizeof(",\"reason\":\"duplicate-id\"") - 1;
  // The draft's status has at least one character, its rank is `null`.
  return (longest_status - 1) + (kRankDigits - 4) + kDroppedScore + kDuplicateReason;
}

void append_reject_line(std::string& out, const std::string& source, const Record& record) {
  out += "{\"source\":"sv;
  append_json_string(out, source);
  if (record.field) out += ",\"field\":" + std::to_string(record.field);
  if (record.column) out += ",\"column\":" + std::to_string(record.column);
  out += ",\"reason\":"sv;
  append_json_string(out, record.reason);
  out += ",\"raw\":"sv;
  append_json_string(out, record.raw);
  if (!simdjson::validate_utf8(record.raw.data(), record.raw.size())) {
    // append_json_string wrote U+FFFD for the bad bytes; keep them exactly too.
    std::string encoded(4 * ((record.raw.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                            reinterpret_cast<const unsigned char*>(record.raw.data()),
                            static_cast<int>(record.raw.size()));
    encoded.resize(static_cast<std::size_t>(n));
    out += ",\"raw_base64\":\"" + encoded + "\"";
  }
  out += "}\n"sv;
}

void append_summary_line(std::string& out, const Rules& rules, const ScreenSummary& summary) {
  out += "{\"kind\":\"summary\",\"records\":" + std::to_string(summary.records) +
         ",\"invalid\":" + std::to_string(summary.invalid) +
         ",\"no-profile\":" + std::to_string(summary.no_profile) + ",\"profiles\":{";
  for (std::size_t i = 0; i < summary.profiles.size(); ++i) {
    auto p = static_cast<std::size_t>(summary.profiles[i]);
    if (i) out += ',';
    append_json_string(out, rules.profiles[p].id);
    out += ":{"sv;
    for (std::size_t s = 0; s < kProfileStatuses.size(); ++s) {
      if (s) out += ',';
      out += "\"" + std::string(status_name(kProfileStatuses[s])) +
             "\":" + std::to_string(summary.counts[p][s]);
    }
    out += '}';
  }
  out += "}}\n"sv;
}

}  // namespace shortlist
