// Gathering a screening report from a decision record (SPEC 7): one pass
// over the record. Counts (the funnel, the reasons) stay in memory, a few
// per profile and rule; what grows with the record (the shortlist, the
// review worklist, the scores) goes to sorts that spill to a scratch folder
// past the memory budget, and is read back once as the report is written.
#include "shortlist/report.hpp"

#include <algorithm>
#include <cstring>
#include <map>

#include "audit/record_lines.hpp"
#include "audit/sort_keys.hpp"
#include "run/external_sorter.hpp"
#include "run/framed_file.hpp"
#include "run/scratch_dir.hpp"
#include "shortlist/input.hpp"
#include "shortlist/interrupted.hpp"

namespace shortlist {

using namespace sort_keys;

// The sorts of the lists, and where reading them back stands.
struct Report::Lists {
  ScratchDir scratch{{}, "shortlist-report"};
  std::unique_ptr<ExternalSorter> shortlisted;
  // The review worklist is listed in input order, as it comes: a file per
  // profile, read back once, needs no sort.
  std::vector<std::unique_ptr<FramedWriter>> review;
  FramedWriter& review_file(std::size_t p) {
    if (review.size() <= p) review.resize(p + 1);
    if (!review[p]) review[p] = std::make_unique<FramedWriter>(scratch.path() / ("review-" + std::to_string(p)));
    return *review[p];
  }
  // The entry read past the last profile asked for, if any.
  struct Cursor {
    bool started = false, more = false;
    std::string_view key, payload;
  };
  Cursor at_shortlisted;
};

Report::~Report() = default;

namespace {

constexpr std::int64_t kStopCheckMask = 4095;
constexpr std::size_t kMostBins = 20;

// Whether `text` is `literal`: the length first, then the bytes, compared
// inline (a record has millions of lines, each with a dozen such tests).
template <std::size_t N>
bool is(std::string_view text, const char (&literal)[N]) {
  return text.size() == N - 1 && std::memcmp(text.data(), literal, N - 1) == 0;
}

// The same for two texts of the run (rule and profile ids).
bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0;
}

// Reads one profile's entries of `sorter`: those whose key starts with `p`.
void each_of_profile(ExternalSorter& sorter, Report::Lists::Cursor& at, std::size_t p,
                     const std::function<void(std::string_view key, std::string_view payload)>& each) {
  if (!at.started) {
    sorter.finish();
    at.started = true;
    at.more = sorter.next(at.key, at.payload);
  }
  while (at.more && read_u16(at.key) < p) at.more = sorter.next(at.key, at.payload);
  while (at.more && read_u16(at.key) == p) {
    each(at.key, at.payload);
    at.more = sorter.next(at.key, at.payload);
  }
}

// The `rule` and `outcome` of a check or points entry, in one pass over its
// members; false when either is not there.
bool rule_and_outcome(simdjson::dom::element item, std::string_view& rule, std::string_view& outcome) {
  simdjson::dom::object object;
  if (item.get_object().get(object)) return false;
  bool has_rule = false, has_outcome = false;
  for (auto member : object) {
    if (is(member.key, "rule"))
      has_rule = !member.value.get_string().get(rule);
    else if (is(member.key, "outcome"))
      has_outcome = !member.value.get_string().get(outcome);
  }
  return has_rule && has_outcome;
}

struct ProfileCounts {
  std::vector<std::string> rule_ids;  ///< require rules, in order
  std::vector<bool> passes_missing, passes_unreadable;  ///< parallel; empty without rules
  std::vector<std::int64_t> passed;
  std::int64_t screened = 0, eligible = 0, at_cutoff = 0, shortlisted = 0;
  std::map<std::string, std::int64_t, std::less<>> ineligible, review;
  // Counts by the rule's place, for checks met in the rules' order (the
  // most): fails of the ineligible, missing and unreadable of the review.
  std::vector<std::int64_t> fails, missing, unreadable;
};

std::vector<ReasonCount> ranked(const std::map<std::string, std::int64_t, std::less<>>& counts,
                                const ReportProfileRules* rules) {
  std::vector<ReasonCount> out;
  for (const auto& [label, count] : counts) {
    ReasonCount& r = out.emplace_back();
    r.label = label;
    r.count = count;
    if (rules == nullptr) continue;
    std::string rule = label.substr(0, label.find(':'));
    const bool score = rule.starts_with("score ");
    if (score) rule.erase(0, 6);
    const auto& ids = score ? rules->score_ids : rules->require_ids;
    const auto& texts = score ? rules->score_texts : rules->require_texts;
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (ids[i] == rule) r.text = texts[i];
  }
  // Most frequent first; ties in label order, as the map gave them.
  std::stable_sort(out.begin(), out.end(),
                   [](const ReasonCount& a, const ReasonCount& b) { return a.count > b.count; });
  return out;
}

// The smallest width of 1, 2 or 5 times a power of ten that puts every
// score from `low` to `high` in at most kMostBins bins starting at a
// multiple of it; no narrower than 10^-6 (a score's finest digit), and 1
// when every score is the same, so that a lone bin reads [5, 6), not
// [5, 5.000001).
void choose_bins(ScoreSummary& s) {
  auto floor_div = [](__int128 a, __int128 b) { return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0); };
  const __int128 one = Decimal::from_int(1).raw();
  __int128 power = s.lowest.raw() == s.highest.raw() ? one : one / 1'000'000;  // raw units: 10^-12
  for (int step = 0; step < 60; ++step) {
    for (int m : {1, 2, 5}) {
      const __int128 width = power * m;
      const __int128 first = floor_div(s.lowest.raw(), width), last = floor_div(s.highest.raw(), width);
      if (last - first + 1 <= static_cast<__int128>(kMostBins)) {
        s.bin_width = Decimal::from_raw(width);
        s.bin_start = Decimal::from_raw(first * width);
        s.bins.assign(static_cast<std::size_t>(last - first + 1), 0);
        return;
      }
    }
    power *= 10;
  }
}

}  // namespace

void Report::each_shortlisted(std::size_t p, const std::function<void(const ShortlistedEntry&)>& each) {
  each_of_profile(*lists->shortlisted, lists->at_shortlisted, p,
                  [&](std::string_view key, std::string_view payload) {
                    ShortlistedEntry e;
                    e.rank = static_cast<std::int64_t>(read_u64(key.substr(2)));
                    e.id = take_sized(payload);
                    e.score = take_sized(payload);
                    e.source = take_sized(payload);
                    each(e);
                  });
}

void Report::each_review(std::size_t p, const std::function<void(const ReviewEntry&)>& each) {
  if (p >= lists->review.size() || !lists->review[p]) return;
  lists->review[p]->close();
  lists->review[p].reset();
  FramedReader in(lists->scratch.path() / ("review-" + std::to_string(p)));
  std::string_view payload;
  while (in.next(payload)) {
    ReviewEntry e;
    e.id = take_sized(payload);
    e.source = take_sized(payload);
    e.reason = take_sized(payload);
    each(e);
  }
}

std::string percent_of(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return "\u2013";
  const __int128 scaled = static_cast<__int128>(part) * 1000;
  __int128 q = scaled / whole;
  const __int128 twice_rest = (scaled % whole) * 2;
  if (twice_rest > whole || (twice_rest == whole && q % 2 == 1)) ++q;
  return std::to_string(static_cast<std::int64_t>(q / 10)) + "." +
         std::to_string(static_cast<std::int64_t>(q % 10)) + " %";
}

std::unique_ptr<Report> gather_report(const ReportOptions& options) {
  auto report = std::make_unique<Report>();
  report->have_rules = options.rules.has_value();
  report->lists = std::make_unique<Report::Lists>();
  Report::Lists& lists = *report->lists;
  if (options.on_scratch) options.on_scratch(lists.scratch.path());
  const std::size_t budget = std::max<std::size_t>(options.memory_budget / 2, 1);
  lists.shortlisted = std::make_unique<ExternalSorter>(lists.scratch.path(), "shortlisted", budget);
  ExternalSorter scores(lists.scratch.path(), "scores", budget);

  RecordLines lines(options.decisions);
  simdjson::dom::object line;
  std::string_view kind;
  if (!lines.next(line) || line["kind"].get(kind) || kind != "run")
    throw InputError(options.decisions, lines.number(), 0,
                     "the first line is not the run line of a decision record");
  // The run line.
  std::vector<std::string> profile_ids;
  {
    report->version = std::string(lines.optional_string(line, "version").value_or(""));
    simdjson::dom::object call, rules;
    if (!line["call"].get_object().get(call)) {
      std::string_view text;
      if (!call["title"].get_string().get(text) && !text.empty())
        report->call_title = text;
      else if (!call["id"].get_string().get(text))
        report->call_title = text;
    }
    if (!line["rules"].get_object().get(rules)) {
      report->rules_path = std::string(lines.optional_string(rules, "path").value_or(""));
      report->rules_sha256 = std::string(lines.optional_string(rules, "sha256").value_or(""));
    }
    simdjson::dom::array inputs, profiles;
    if (!line["inputs"].get_array().get(inputs))
      for (auto item : inputs) {
        simdjson::dom::object in;
        if (item.get_object().get(in)) continue;
        ReportInput& r = report->inputs.emplace_back();
        r.path = lines.optional_string(in, "path").value_or("");
        r.sha256 = lines.optional_string(in, "sha256").value_or("");
        if (in["records"].get_int64().get(r.records)) r.records = 0;
      }
    if (!line["profiles"].get_array().get(profiles))
      for (auto item : profiles) {
        std::string_view id;
        if (!item.get_string().get(id)) profile_ids.emplace_back(id);
      }
  }
  std::vector<ProfileCounts> counts(profile_ids.size());
  auto rules_of = [&](std::size_t p) -> const ReportProfileRules* {
    if (!options.rules) return nullptr;
    for (const auto& r : *options.rules)
      if (r.id == profile_ids[p]) return &r;
    return nullptr;
  };
  for (std::size_t p = 0; p < profile_ids.size(); ++p)
    if (const auto* r = rules_of(p)) {
      counts[p].rule_ids = r->require_ids;
      counts[p].passes_missing = r->passes_missing;
      counts[p].passes_unreadable = r->passes_unreadable;
      counts[p].passed.assign(r->require_ids.size(), 0);
    }

  std::string key, payload, label;
  std::int64_t seq = 0;
  // One decision line's members, each found in one pass over the object.
  struct Decision {
    std::optional<std::string_view> kind, profile, status, id, source, score, reason;
    std::int64_t rank = 0;
    simdjson::dom::array checks, points;
    bool has_checks = false, has_points = false;
  } d;
  std::vector<std::pair<std::string_view, std::string_view>> outcomes;  // rule, outcome
  auto text_of = [&lines](simdjson::dom::element value, std::string_view name) -> std::optional<std::string_view> {
    if (value.is_null()) return std::nullopt;
    std::string_view text;
    if (value.get_string().get(text)) throw lines.error("\"" + std::string(name) + "\" is not a string");
    return text;
  };
  auto count = [](std::map<std::string, std::int64_t, std::less<>>& tally, std::string_view what) {
    const auto found = tally.find(what);
    if (found != tally.end())
      ++found->second;
    else
      tally.emplace(std::string(what), 1);
  };
  while (lines.next(line)) {
    if ((lines.number() & kStopCheckMask) == 0) check_stop(options.stop);
    d = Decision{};
    for (auto field : line) {
      // Dispatched on length and first letter: a record has millions of lines.
      const std::string_view name = field.key;
      switch (name.size()) {
        case 2:
          if (is(name, "id")) d.id = text_of(field.value, name);
          break;
        case 4:
          if (is(name, "kind")) d.kind = text_of(field.value, name);
          else if (is(name, "rank") && field.value.get_int64().get(d.rank)) d.rank = 0;
          break;
        case 5:
          if (is(name, "score")) d.score = text_of(field.value, name);
          break;
        case 6:
          switch (name[0]) {
            case 's':
              if (is(name, "status")) d.status = text_of(field.value, name);
              else if (is(name, "source")) d.source = text_of(field.value, name);
              break;
            case 'r':
              if (is(name, "reason")) d.reason = text_of(field.value, name);
              break;
            case 'c':
              if (is(name, "checks")) d.has_checks = !field.value.get_array().get(d.checks);
              break;
            case 'p':
              if (is(name, "points")) d.has_points = !field.value.get_array().get(d.points);
              break;
            default:
              break;
          }
          break;
        case 7:
          if (is(name, "profile")) d.profile = text_of(field.value, name);
          break;
        default:
          break;
      }
    }
    if (!d.kind) throw lines.error("a line without \"kind\"");
    if (is(*d.kind, "summary")) {
      if (line["records"].get_int64().get(report->records)) report->records = 0;
      if (line["invalid"].get_int64().get(report->invalid)) report->invalid = 0;
      if (line["no-profile"].get_int64().get(report->no_profile)) report->no_profile = 0;
      continue;
    }
    if (!is(*d.kind, "decision")) continue;
    ++seq;
    if (!d.profile) continue;  // an invalid record: no profile
    const auto found = std::find_if(profile_ids.begin(), profile_ids.end(),
                                    [&](const std::string& id) { return same(id, *d.profile); });
    if (found == profile_ids.end())
      throw lines.error("profile '" + std::string(*d.profile) + "' is not in the run line");
    const auto p = static_cast<std::size_t>(found - profile_ids.begin());
    ProfileCounts& c = counts[p];
    if (!d.status) throw lines.error("a decision without \"status\"");
    const std::string_view status = *d.status;
    const bool ineligible = is(status, "ineligible"), review = is(status, "review");
    ++c.screened;

    // The funnel: an eligible decision passed every rule; any other, the
    // rules before the first that stopped it (a fail, or a doubt the rule
    // does not let pass). Its checks also give the reasons.
    const bool eligible =
        is(status, "shortlisted") || is(status, "reserve") || is(status, "below-cutoff");
    if (eligible && !c.rule_ids.empty()) {
      for (auto& n : c.passed) ++n;
    } else {
      outcomes.clear();
      if (d.has_checks) {
        const bool first_order = c.rule_ids.empty() && !options.rules;
        for (auto item : d.checks) {
          std::string_view rule, outcome;
          if (!rule_and_outcome(item, rule, outcome)) continue;
          const std::size_t k = outcomes.size();
          outcomes.emplace_back(rule, outcome);
          if (first_order) c.rule_ids.emplace_back(rule);
          const bool in_order = k < c.rule_ids.size() && same(c.rule_ids[k], rule);
          if (in_order && c.fails.size() < c.rule_ids.size()) {
            c.fails.resize(c.rule_ids.size());
            c.missing.resize(c.rule_ids.size());
            c.unreadable.resize(c.rule_ids.size());
          }
          if (ineligible && is(outcome, "fail")) {
            if (in_order)
              ++c.fails[k];
            else
              count(c.ineligible, rule);
          }
          if (review && (is(outcome, "missing") || is(outcome, "unreadable"))) {
            if (in_order) {
              ++(is(outcome, "missing") ? c.missing : c.unreadable)[k];
            } else {
              label.assign(rule).append(": ").append(outcome);
              count(c.review, label);
            }
          }
        }
        if (first_order) c.passed.assign(c.rule_ids.size(), eligible ? 1 : 0);
      }
      if (!eligible)
        for (std::size_t i = 0; i < c.rule_ids.size(); ++i) {
          // Checks come in the rules' order: the i-th is looked for at i first.
          std::string_view outcome;
          if (i < outcomes.size() && same(outcomes[i].first, c.rule_ids[i])) {
            outcome = outcomes[i].second;
          } else {
            for (const auto& [rule, o] : outcomes)
              if (same(rule, c.rule_ids[i])) outcome = o;
          }
          const bool let_pass =
              is(outcome, "pass") ||
              (is(outcome, "missing") && i < c.passes_missing.size() && c.passes_missing[i]) ||
              (is(outcome, "unreadable") && i < c.passes_unreadable.size() && c.passes_unreadable[i]);
          if (!let_pass) break;
          ++c.passed[i];
        }
    }
    if (review) {
      if (d.has_points)
        for (auto item : d.points) {
          // A score rule sent the decision to review when its doubt left
          // no points (null); one that scored 0 for a missing value did not.
          simdjson::dom::object point;
          std::string_view rule, outcome;
          simdjson::dom::element points_given;
          if (item.get_object().get(point) || point["rule"].get_string().get(rule) ||
              point["outcome"].get_string().get(outcome) || point["points"].get(points_given) ||
              !points_given.is_null())
            continue;
          if (is(outcome, "missing") || is(outcome, "unreadable")) {
            label.assign("score ").append(rule).append(": ").append(outcome);
            count(c.review, label);
          }
        }
      const std::string_view reason = d.reason.value_or("");
      if (reason.starts_with("duplicate-id")) count(c.review, "duplicate id");
      payload.clear();
      append_sized(payload, d.id.value_or(""));
      append_sized(payload, d.source.value_or(""));
      append_sized(payload, reason);
      lists.review_file(p).write(payload);
    }

    if (!eligible) continue;
    ++c.eligible;
    if (!is(status, "below-cutoff")) ++c.at_cutoff;
    if (d.score) {
      const auto score = Decimal::parse(*d.score);
      if (!score) throw lines.error("score \"" + std::string(*d.score) + "\" is not a number");
      key.clear();
      append_u16(key, p);
      append_score(key, *score);
      scores.add(key, {});
    }
    if (!is(status, "shortlisted")) continue;
    ++c.shortlisted;
    key.clear();
    append_u16(key, p);
    append_u64(key, static_cast<std::uint64_t>(d.rank));
    append_u64(key, static_cast<std::uint64_t>(seq));
    payload.clear();
    append_sized(payload, d.id.value_or(""));
    append_sized(payload, d.score.value_or(""));
    append_sized(payload, d.source.value_or(""));
    lists.shortlisted->add(key, payload);
  }

  // The profiles' counts, and their scores: count, lowest, median, highest
  // in one pass over the sorted scores, then the histogram in a second.
  for (std::size_t p = 0; p < profile_ids.size(); ++p) {
    ProfileCounts& c = counts[p];
    for (std::size_t k = 0; k < c.fails.size(); ++k) {
      if (c.fails[k] > 0) c.ineligible[c.rule_ids[k]] += c.fails[k];
      if (c.missing[k] > 0) c.review[c.rule_ids[k] + ": missing"] += c.missing[k];
      if (c.unreadable[k] > 0) c.review[c.rule_ids[k] + ": unreadable"] += c.unreadable[k];
    }
    const ReportProfileRules* rules = rules_of(p);
    ProfileReport& out = report->profiles.emplace_back();
    out.id = profile_ids[p];
    if (rules != nullptr) {
      out.title = rules->title;
      out.cutoff = rules->cutoff;
    }
    out.funnel.push_back({"screened", "", c.screened});
    for (std::size_t i = 0; i < c.rule_ids.size(); ++i) {
      std::string text;
      if (rules != nullptr && i < rules->require_texts.size()) text = rules->require_texts[i];
      out.funnel.push_back({"passed " + c.rule_ids[i], text, c.passed[i]});
    }
    out.funnel.push_back({"eligible", "", c.eligible});
    out.funnel.push_back({"at or above the cut-off", "", c.at_cutoff});
    out.funnel.push_back({"shortlisted", "", c.shortlisted});
    out.ineligible = ranked(c.ineligible, rules);
    out.review = ranked(c.review, rules);
  }
  scores.finish();
  std::vector<std::int64_t> seen(profile_ids.size());
  std::string_view score_key, unused;
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) {
      for (ProfileReport& r : report->profiles)
        if (r.scores.count > 0) choose_bins(r.scores);
      scores.rewind();
    }
    std::fill(seen.begin(), seen.end(), 0);
    while (scores.next(score_key, unused)) {
      const std::size_t p = read_u16(score_key);
      const Decimal score = read_score(score_key.substr(2));
      ScoreSummary& s = report->profiles[p].scores;
      const std::int64_t at = seen[p]++;
      if (pass == 0) {
        if (at == 0) s.lowest = score;
        s.highest = score;
        ++s.count;
        continue;
      }
      // The median: the middle score, or the mean of the two middle ones
      // (exact: scores have at most 6 fraction digits of the 12 kept).
      if (at == (s.count - 1) / 2) s.median = score;
      if (at == s.count / 2 && s.count % 2 == 0) s.median = Decimal::from_raw((s.median.raw() + score.raw()) / 2);
      const auto bin = static_cast<std::size_t>((score.raw() - s.bin_start.raw()) / s.bin_width.raw());
      ++s.bins[std::min(bin, s.bins.size() - 1)];
    }
  }
  return report;
}

}  // namespace shortlist
