// Reading one applicant's record again and deciding it again, for `explain`:
// so that it can say what counted in each score rule (the decision record
// keeps the points, not the items behind them), and warn when a recorded
// decision is not what the rules give that record (a line edited by hand, a
// record screened with other rules). Ranks and duplicate verdicts depend on
// every other record: `verify` checks those, by screening the whole batch.
#include <simdjson.h>

#include <charconv>

#include "audit/plain_words.hpp"
#include "shortlist/explain.hpp"
#include "shortlist/field_binding.hpp"
#include "shortlist/status.hpp"

namespace shortlist {
using plain::in_quotes;
namespace {

// "a.csv:17" or "a.json:3:5" after `path`: the line and column (0 if none).
bool parse_position(std::string_view rest, std::int64_t& line, std::int64_t& column) {
  const auto number = [](std::string_view s, std::int64_t& out) {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && out > 0;
  };
  column = 0;
  const std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return number(rest, line);
  return number(rest.substr(0, colon), line) && number(rest.substr(colon + 1), column);
}

// The input a source names: the longest recorded path followed by a position.
const InputAtHand* input_of(const std::string& source, const std::vector<InputAtHand>& inputs,
                            std::int64_t& line, std::int64_t& column) {
  const InputAtHand* best = nullptr;
  for (const auto& in : inputs) {
    if (source.size() <= in.recorded.size() + 1 || !source.starts_with(in.recorded) ||
        source[in.recorded.size()] != ':')
      continue;
    std::int64_t l = 0, c = 0;
    if (!parse_position(std::string_view(source).substr(in.recorded.size() + 1), l, c)) continue;
    if (best && best->recorded.size() >= in.recorded.size()) continue;
    best = &in;
    line = l;
    column = c;
  }
  return best;
}

std::string minified(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element e;
  if (parser.parse(json.data(), json.size()).get(e)) return std::string(json);
  return simdjson::minify(e);
}

// The recorded status a decision made by the record alone can end in.
bool status_fits(std::string_view recorded, Status decided) {
  if (decided == Status::kEligible) return recorded == "shortlisted" || recorded == "reserve";
  return recorded == status_name(decided);
}

// The first entry (by rule) of two "checks" or "points" arrays that differs.
void compare_entries(const std::string& label, const std::string& what,
                     const std::string& recorded, const std::string& decided,
                     std::vector<std::string>& out) {
  if (minified(recorded) == minified(decided.empty() ? "[]" : decided)) return;
  simdjson::dom::parser p1, p2;
  simdjson::dom::array a, b;
  if (p1.parse(recorded).get_array().get(a) || p2.parse(decided).get_array().get(b)) {
    out.push_back(label + what + ": recorded " + recorded + ", the rules give " + decided);
    return;
  }
  if (a.size() != b.size()) {
    out.push_back(label + what + ": recorded " + std::to_string(a.size()) +
                  " rules, the rules give " + std::to_string(b.size()));
    return;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string x = simdjson::minify(a.at(i).value_unsafe());
    const std::string y = simdjson::minify(b.at(i).value_unsafe());
    if (x == y) continue;
    std::string_view rule;
    if (b.at(i)["rule"].get_string().get(rule)) rule = "?";
    out.push_back(label + what + " " + std::string(rule) + ": recorded " + x +
                  ", the rules give " + y);
  }
}

}  // namespace

Rescreened rescreen(const std::string& source, const Rules& rules,
                    const std::vector<int>& profiles, const std::vector<InputAtHand>& inputs) {
  Rescreened out;
  out.source = source;
  std::int64_t line = 0, column = 0;
  const InputAtHand* in = input_of(source, inputs, line, column);
  if (!in) {
    out.note = "the run line names no input for " + source;
    return out;
  }
  if (in->recorded == "-") {
    out.note = "the input was read from standard input and cannot be read again";
    return out;
  }
  if (in->path.empty()) {
    out.note = "the input '" + in->recorded + "' is not at hand";
    return out;
  }
  if (!in->matches) {
    out.note = "the input '" + in->path + "' has changed since the run (its SHA-256 differs)";
    return out;
  }
  try {
    auto reader = open_reader(in->options);
    FieldBinding binding(rules, reader->header());
    Record record;
    while (reader->next(record)) {
      if (record.line < line || (record.line == line && record.source_column < column)) continue;
      if (record.line != line || record.source_column != column) break;
      if (record.invalid) {
        out.note = "the record cannot be read (" + record.reason + ")";
        return out;
      }
      binding.type_record(record, out.values, true);
      decide_record(rules, profiles, out.values, out.decisions, true);
      // As the run does: a record without an id cannot be tied to a person.
      const TypedValue& id = out.values[static_cast<std::size_t>(rules.id_field)];
      for (auto& d : out.decisions) {
        if (d.profile >= 0 && !id.ok()) {
          d.status = Status::kReview;
          d.reason = "missing-id";
        }
      }
      out.found = true;
      return out;
    }
    out.note = "no record starts at " + source;
  } catch (const std::exception& e) {
    out.note = std::string("the input cannot be read again: ") + e.what();
  }
  return out;
}

std::vector<std::string> rescreen_differences(const Rules& rules, const Rescreened& again,
                                              const std::vector<RecordedDecision>& recorded) {
  std::vector<std::string> out;
  if (!again.found) return out;
  const auto profile_name = [&](int p) {
    return p < 0 ? std::string("no profile") : rules.profiles[static_cast<std::size_t>(p)].id;
  };
  const TypedValue& id = again.values[static_cast<std::size_t>(rules.id_field)];
  const std::optional<std::string> id_now =
      id.ok() ? std::optional(std::get<std::string>(id.items.front())) : std::nullopt;
  std::vector<bool> matched(again.decisions.size(), false);
  for (const RecordedDecision& r : recorded) {
    if (r.source != again.source) continue;
    const std::string label = (r.profile.empty() ? std::string("no profile") : r.profile) + ": ";
    if (r.id != id_now)
      out.push_back(label + "id: recorded " + (r.id ? in_quotes(*r.id) : "null") + ", the record has " +
                    (id_now ? in_quotes(*id_now) : "none"));
    std::size_t k = 0;
    while (k < again.decisions.size() &&
           (matched[k] || (again.decisions[k].profile < 0 ? std::string()
                                                          : profile_name(again.decisions[k].profile)) !=
                              r.profile))
      ++k;
    if (k == again.decisions.size()) {
      out.push_back(label + "the rules do not screen this record for this profile");
      continue;
    }
    matched[k] = true;
    // A duplicate verdict weighs this record against others with its id.
    if (r.status == "duplicate" || r.reason == "duplicate-id") continue;
    const ProfileDecision& d = again.decisions[k];
    if (!status_fits(r.status, d.status))
      out.push_back(label + "status: recorded " + in_quotes(r.status) + ", the rules give " +
                    in_quotes(d.status == Status::kEligible ? "shortlisted or reserve"
                                                         : status_name(d.status)));
    const std::optional<std::string> score =
        d.score ? std::optional(d.score->to_string()) : std::nullopt;
    if (r.score != score)
      out.push_back(label + "score: recorded " + (r.score ? *r.score : "null") +
                    ", the rules give " + (score ? *score : "null"));
    compare_entries(label, "check", r.checks_json, std::string(d.checks_json.view()), out);
    compare_entries(label, "points", r.points_json, std::string(d.points_json.view()), out);
    if (r.reason != d.reason)
      out.push_back(label + "reason: recorded " + in_quotes(r.reason) + ", the rules give " +
                    in_quotes(d.reason));
  }
  for (std::size_t k = 0; k < again.decisions.size(); ++k)
    if (!matched[k])
      out.push_back(profile_name(again.decisions[k].profile) +
                    ": the rules screen this record for this profile, but the record holds no "
                    "such decision");
  return out;
}

}  // namespace shortlist
