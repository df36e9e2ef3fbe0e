// The adverse-impact table (SPEC 7): who is counted, in which group, and the
// exact rates. docs/fairness.md says the same for people.
//
// The decision record and the groups file can both hold millions of lines,
// so neither is held in memory: both are sorted by id on disk (past the
// memory budget) and read side by side, the way a database joins two tables
// too large for memory. Only the table itself stays: a counter per profile,
// grouping and group.
//
// 1. The record is read once. Each counted decision goes to a sort by id,
//    with its profile, whether it was shortlisted and its score; each score
//    also goes to a sort by profile and score, for the medians.
// 2. The medians: the middle one or two scores of each profile.
// 3. The groups file is read once, into a sort by id and line: an id on two
//    lines comes out twice in a row, and is an error naming both.
// 4. The two sorts are read in step; each decision is counted in the group of
//    its id's row, or in "(missing)".
// 5. The rows: rates, the reference group of each grouping, ratios, flags.
#include "shortlist/fairness.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <tuple>

#include "audit/record_lines.hpp"
#include "audit/sort_keys.hpp"
#include "run/external_sorter.hpp"
#include "run/scratch_dir.hpp"
#include "shortlist/decimal.hpp"
#include "shortlist/explain.hpp"
#include "shortlist/interrupted.hpp"
#include "shortlist/verify.hpp"

namespace shortlist {
namespace {

using namespace sort_keys;

// Statuses of applicants. A `duplicate` is a further application of an id
// whose kept one is counted; an `invalid` record has no profile.
constexpr std::array<std::string_view, 5> kCounted = {"shortlisted", "reserve", "below-cutoff",
                                                      "ineligible", "review"};

// Loops look at the stop flag once per this many + 1 lines.
constexpr std::int64_t kStopCheckMask = 4095;

// ---- Keys -------------------------------------------------------------------

// An id as bytes that sort as the id does and of which none is a prefix of
// another: NUL written as NUL 1, then NUL NUL at the end.
void append_id_key(std::string& out, std::string_view id) {
  out += '\0';  // before the records without an id, which start with 1
  for (char c : id) {
    out += c;
    if (c == '\0') out += '\1';
  }
  out.append(2, '\0');
}

// ---- The decision record ------------------------------------------------------

// A counted decision, as the sort by id carries it.
struct Counted {
  std::size_t profile = 0;
  bool shortlisted = false;
  std::optional<Decimal> score;
};

std::string encode(const Counted& c) {
  std::string out;
  append_u16(out, c.profile);
  out += static_cast<char>((c.shortlisted ? 1 : 0) | (c.score ? 2 : 0));
  if (c.score) append_score(out, *c.score);
  return out;
}

Counted decode(std::string_view bytes) {
  Counted c;
  c.profile = read_u16(bytes);
  c.shortlisted = (bytes[2] & 1) != 0;
  if ((bytes[2] & 2) != 0) c.score = read_score(bytes.substr(3));
  return c;
}

// The middle one or two scores of a profile: a score is above the median
// when twice it is above their sum.
struct Median {
  std::int64_t scored = 0;
  Decimal low, high;
  bool above(Decimal score) const { return score.raw() * 2 > low.raw() + high.raw(); }
};

// ---- The groups file ------------------------------------------------------------

std::string trimmed(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

// A cell's text, or nullopt when it says nothing (absent, null, blank).
std::optional<std::string> cell(const Record& record, const std::string& column) {
  const RawValue* value = record.find(column);
  if (value == nullptr || value->kind == RawValue::Kind::kAbsent ||
      value->kind == RawValue::Kind::kNull)
    return std::nullopt;
  std::string text = trimmed(value->text);
  if (text.empty()) return std::nullopt;
  return text;
}

std::string header_list(const std::vector<std::string>& header) {
  std::string out;
  for (const auto& name : header) out += (out.empty() ? "'" : ", '") + name + "'";
  return out;
}

// The values of the --by columns, each framed: a byte 1 and its length
// and text, or a byte 0 for a missing one.
std::string encode_groups(const std::vector<std::optional<std::string>>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!v) {
      out += '\0';
      continue;
    }
    out += '\1';
    append_sized(out, *v);
  }
  return out;
}

std::vector<std::optional<std::string>> decode_groups(std::string_view bytes, std::size_t count) {
  std::vector<std::optional<std::string>> out(count);
  for (std::size_t i = 0; i < count; ++i) {
    const bool present = bytes[0] == '\1';
    bytes.remove_prefix(1);
    if (!present) continue;
    out[i] = std::string(take_sized(bytes));
  }
  return out;
}

// ---- Counting ---------------------------------------------------------------------

struct Tally {
  std::int64_t applicants = 0, shortlisted = 0, scored = 0, above = 0;
  bool missing = false;  ///< the group has a part that is not known
};

// Per profile, per grouping, per group.
using Tallies = std::vector<std::vector<std::map<std::string, Tally>>>;

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : "\u00d7") + parts[i];
  return out;
}

class Counter {
 public:
  Counter(std::size_t by_columns, std::vector<Median> medians, Tallies& tallies)
      : columns_(by_columns), medians_(std::move(medians)), tallies_(tallies) {}

  void count(const Counted& c, const std::vector<std::optional<std::string>>* groups) {
    auto& per_grouping = tallies_[c.profile];
    const bool above = c.score && medians_[c.profile].above(*c.score);
    auto add = [&](std::size_t grouping, const std::string& group, bool missing) {
      Tally& t = per_grouping[grouping][group];
      t.missing = missing;
      ++t.applicants;
      if (c.shortlisted) ++t.shortlisted;
      if (c.score) ++t.scored;
      if (above) ++t.above;
    };
    std::vector<std::string> parts;
    bool any_missing = false;
    for (std::size_t i = 0; i < columns_; ++i) {
      const bool missing = groups == nullptr || !(*groups)[i];
      parts.push_back(missing ? kMissingGroup : *(*groups)[i]);
      any_missing = any_missing || missing;
      add(i, parts.back(), missing);
    }
    if (columns_ > 1) add(columns_, joined(parts), any_missing);
  }

 private:
  std::size_t columns_;
  std::vector<Median> medians_;
  Tallies& tallies_;
};

// ---- The rows -------------------------------------------------------------------

Fraction fraction(__int128 num, __int128 den) { return den == 0 ? Fraction{} : Fraction{num, den}; }

// The groups of one grouping in printed order: known groups by their text,
// then those with an unknown part.
std::vector<const std::pair<const std::string, Tally>*> ordered(const std::map<std::string, Tally>& groups) {
  std::vector<const std::pair<const std::string, Tally>*> out;
  for (const auto& g : groups)
    if (!g.second.missing) out.push_back(&g);
  for (const auto& g : groups)
    if (g.second.missing) out.push_back(&g);
  return out;
}

void add_rows(std::vector<FairnessRow>& rows, const std::string& profile, const std::string& by,
              const std::map<std::string, Tally>& groups) {
  std::int64_t total = 0;
  for (const auto& [name, t] : groups) total += t.applicants;
  auto small = [total](const Tally& t) { return t.applicants < 5 || 50 * t.applicants < total; };
  // The reference: the best rate of the groups one can judge, else of the
  // known ones; rates compared exactly.
  const Tally* reference = nullptr;
  auto better = [](const Tally& a, const Tally* b) {
    return b == nullptr ||
           static_cast<__int128>(a.shortlisted) * b->applicants > static_cast<__int128>(b->shortlisted) * a.applicants;
  };
  for (const auto& [name, t] : groups)
    if (!t.missing && !small(t) && better(t, reference)) reference = &t;
  if (reference == nullptr)
    for (const auto& [name, t] : groups)
      if (!t.missing && better(t, reference)) reference = &t;
  for (const auto* g : ordered(groups)) {
    const Tally& t = g->second;
    FairnessRow& row = rows.emplace_back();
    row.profile = profile;
    row.by = by;
    row.group = g->first;
    row.applicants = t.applicants;
    row.shortlisted = t.shortlisted;
    row.selection_rate = fraction(t.shortlisted, t.applicants);
    if (reference != nullptr && reference->shortlisted > 0) {
      row.impact_ratio = fraction(static_cast<__int128>(t.shortlisted) * reference->applicants,
                                  static_cast<__int128>(t.applicants) * reference->shortlisted);
      row.adverse = row.impact_ratio.below(4, 5);
    }
    row.scoring_rate = fraction(t.above, t.scored);
    row.small = small(t);
  }
}

}  // namespace

std::vector<FairnessRow> compute_fairness(const FairnessOptions& options) {
  const RecordedRun run = read_recorded_run(options.decisions);
  ScratchDir scratch({}, "shortlist-fairness");
  if (options.on_scratch) options.on_scratch(scratch.path());
  const std::size_t budget = std::max<std::size_t>(options.memory_budget / 3, 1);

  // 1. The record: counted decisions by id, scores by profile.
  ExternalSorter by_id(scratch.path(), "decisions", budget);
  ExternalSorter scores(scratch.path(), "scores", budget);
  std::vector<std::int64_t> scored(run.profiles.size());
  {
    RecordLines lines(options.decisions);
    simdjson::dom::object line;
    std::string key;
    std::int64_t seq = 0;
    while (lines.next(line)) {
      if ((lines.number() & kStopCheckMask) == 0) check_stop(options.stop);
      std::string_view kind;
      if (line["kind"].get(kind)) throw lines.error("a line without \"kind\"");
      if (kind != "decision") continue;
      const std::string_view status = lines.required_string(line, "status");
      if (std::find(kCounted.begin(), kCounted.end(), status) == kCounted.end()) continue;
      const std::string_view profile = lines.required_string(line, "profile");
      Counted c;
      const auto known = std::find(run.profiles.begin(), run.profiles.end(), profile);
      if (known == run.profiles.end())
        throw lines.error("profile '" + std::string(profile) + "' is not in the run line");
      c.profile = static_cast<std::size_t>(known - run.profiles.begin());
      c.shortlisted = status == "shortlisted";
      if (auto text = lines.optional_string(line, "score")) {
        c.score = Decimal::parse(*text);
        if (!c.score) throw lines.error("score \"" + std::string(*text) + "\" is not a number");
        key.clear();
        append_u16(key, c.profile);
        append_score(key, *c.score);
        scores.add(key, {});
        ++scored[c.profile];
      }
      key.clear();
      if (auto id = lines.optional_string(line, "id"))
        append_id_key(key, *id);
      else
        key += '\1';  // after every id: no row of the groups file is its
      append_u64(key, static_cast<std::uint64_t>(seq++));
      by_id.add(key, encode(c));
    }
  }

  // 2. The medians.
  std::vector<Median> medians(run.profiles.size());
  {
    scores.finish();
    std::string_view key, unused;
    std::size_t profile = run.profiles.size();
    std::int64_t at = 0;  // the score's place among its profile's, from 0
    while (scores.next(key, unused)) {
      const std::size_t p = read_u16(key);
      if (p != profile) {
        profile = p;
        at = 0;
      }
      const std::int64_t n = scored[p];
      const Decimal score = read_score(key.substr(2));
      if (at == (n - 1) / 2) medians[p].low = score;
      if (at == n / 2) medians[p].high = score;
      ++at;
      medians[p].scored = n;
    }
  }

  // 3. The groups file, by id and line.
  ExternalSorter groups(scratch.path(), "groups", budget);
  {
    auto reader = open_reader(options.groups);
    const auto& header = reader->header();
    // A CSV or TSV header names its columns once; a JSON record names its own.
    std::string id_column;
    if (!header.empty()) {
      for (const auto& c : options.id_columns)
        if (id_column.empty() && std::find(header.begin(), header.end(), c) != header.end()) id_column = c;
      if (id_column.empty())
        throw InputError(options.groups.path, 1, 0,
                         "no id column (expected " + header_list(options.id_columns) +
                             "; the columns are " + header_list(header) + ")");
      for (const auto& column : options.by)
        if (std::find(header.begin(), header.end(), column) == header.end())
          throw InputError(options.groups.path, 1, 0,
                           "no column '" + column + "' (the columns are " + header_list(header) + ")");
    }
    Record record;
    std::string key;
    std::vector<std::optional<std::string>> values(options.by.size());
    std::int64_t rows = 0;
    while (reader->next(record)) {
      if ((++rows & kStopCheckMask) == 0) check_stop(options.stop);
      if (record.invalid) throw InputError(options.groups.path, record.line, record.column, record.reason);
      std::optional<std::string> id;
      for (const auto& c : options.id_columns)
        if (!id && (id_column.empty() || c == id_column)) id = cell(record, c);
      if (!id)
        throw InputError(options.groups.path, record.line, 0,
                         "no id (expected in " + header_list(options.id_columns) + ")");
      for (std::size_t i = 0; i < options.by.size(); ++i) values[i] = cell(record, options.by[i]);
      key.clear();
      append_id_key(key, *id);
      append_u64(key, static_cast<std::uint64_t>(record.line));
      groups.add(key, encode_groups(values));
    }
  }

  // 4. Both sorts in step.
  Tallies tallies(run.profiles.size(),
                  std::vector<std::map<std::string, Tally>>(options.by.size() + (options.by.size() > 1 ? 1 : 0)));
  Counter counter(options.by.size(), medians, tallies);
  by_id.finish();
  groups.finish();
  std::string_view d_key, d_payload, g_key, g_payload;
  bool more_groups = groups.next(g_key, g_payload);
  std::string g_id;  // the current row's id key, without its line
  std::vector<std::optional<std::string>> g_values;
  std::int64_t g_line = 0;
  auto take_row = [&]() {
    std::string id(g_key.substr(0, g_key.size() - 8));
    const auto line = static_cast<std::int64_t>(read_u64(g_key.substr(g_key.size() - 8)));
    if (id == g_id) {
      std::string shown = id.substr(1, id.size() - 3);  // unescaped for the message
      for (std::size_t at = 0; (at = shown.find(std::string_view("\0\1", 2), at)) != std::string::npos; ++at)
        shown.erase(at + 1, 1);
      throw InputError(options.groups.path, line, 0,
                       "id '" + shown + "' also on line " + std::to_string(g_line));
    }
    g_id = std::move(id);
    g_line = line;
    g_values = decode_groups(g_payload, options.by.size());
  };
  if (more_groups) take_row();
  std::int64_t steps = 0;
  while (by_id.next(d_key, d_payload)) {
    if ((++steps & kStopCheckMask) == 0) check_stop(options.stop);
    const std::string_view d_id = d_key.substr(0, d_key.size() - 8);
    while (more_groups && std::string_view(g_id) < d_id) {
      more_groups = groups.next(g_key, g_payload);
      if (more_groups) take_row();
    }
    const bool found = more_groups && std::string_view(g_id) == d_id;
    counter.count(decode(d_payload), found ? &g_values : nullptr);
  }
  // Rows no decision has are still read, for ids twice in the file.
  while (more_groups && (more_groups = groups.next(g_key, g_payload))) take_row();

  // 5. The rows.
  std::vector<std::string> by_names = options.by;
  if (options.by.size() > 1) by_names.push_back(joined(options.by));
  std::vector<FairnessRow> rows;
  for (std::size_t p = 0; p < run.profiles.size(); ++p)
    for (std::size_t g = 0; g < by_names.size(); ++g)
      add_rows(rows, run.profiles[p], by_names[g], tallies[p][g]);
  return rows;
}

}  // namespace shortlist
