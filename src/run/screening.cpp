// Deciding one record against each profile (SPEC 3.2, 3.4, 4.1).
//
// A check has one of five outcomes: pass, fail, missing, unreadable (the value
// is there but cannot be read as its type) and undetermined (the value was read
// but proves nothing either way: a territory, a date on the deadline's day).
// Each rule says what a missing or an unreadable value means; an undetermined
// one always goes to a person. Score rules follow the same idea: a value that
// is there but cannot be read never silently counts as 0 (SPEC 3.2 v1.1), and
// a record whose score cannot be known gets no score at all.
#include "shortlist/screening.hpp"

#include <algorithm>
#include <string_view>

#include "shortlist/evaluate.hpp"
#include "shortlist/json_writer.hpp"
#include "shortlist/text_buffer.hpp"
#include "shortlist/typing.hpp"

namespace shortlist {

// Literals appended as string_views: their length is known when compiled.
using namespace std::literals;

namespace {

enum class Outcome { kPass, kFail, kMissing, kUnreadable, kUndetermined };

struct CheckResult {
  Outcome outcome = Outcome::kPass;
  const TypedValue* unreadable = nullptr;  // kUnreadable: the value that could not be read
  std::string doubt;                       // kUndetermined: why the value proves nothing

  // The reason recorded beside the outcome; "" for pass, fail and missing.
  const std::string& reason() const {
    static const std::string kNone;
    if (outcome == Outcome::kUnreadable) return unreadable->reason;
    if (outcome == Outcome::kUndetermined) return doubt;
    return kNone;
  }
};

// The outcome comes from the part of the condition that left it open (see
// evaluate): an unreadable value beside the one that was missing must not
// make a rule follow its on_unreadable.
CheckResult check(const Condition& condition, const std::vector<TypedValue>& values) {
  CheckResult r;
  Doubt doubt;
  const Truth t = evaluate(condition, values, &doubt);
  if (t == Truth::kTrue) return r;
  if (t == Truth::kFalse) {
    r.outcome = Outcome::kFail;
    return r;
  }
  switch (doubt.kind) {
    case Doubt::Kind::kUnproven:
      r.outcome = Outcome::kUndetermined;
      r.doubt = std::move(doubt.reason);
      break;
    case Doubt::Kind::kUnreadable:
      r.outcome = Outcome::kUnreadable;
      r.unreadable = &values[static_cast<std::size_t>(doubt.field)];
      break;
    default:
      r.outcome = Outcome::kMissing;
      break;
  }
  return r;
}

// `"value":…,"written":…`: each field as read (its raw text when unreadable)
// and as it stood in the input; for a condition over several fields, objects
// of them.
void append_values(TextBuffer& out, const Rules& rules, const std::vector<int>& fields,
                   const std::vector<TypedValue>& values) {
  auto read = [&](int f) {
    const auto& v = values[static_cast<std::size_t>(f)];
    if (v.state == TypedValue::State::kUnreadable)
      append_json_string(out, v.raw);
    else
      append_value_json(out, rules.fields[static_cast<std::size_t>(f)], v);
  };
  auto written = [&](int f) {
    const auto& v = values[static_cast<std::size_t>(f)];
    if (v.raw.empty())
      out += "null"sv;
    else
      append_json_string(out, v.raw);
  };
  const auto each = [&](std::string_view key, auto&& one) {
    out += key;
    if (fields.size() == 1) {
      one(fields.front());
      return;
    }
    out += '{';
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, rules.fields[static_cast<std::size_t>(fields[i])].name);
      out += ':';
      one(fields[i]);
    }
    out += '}';
  };
  each(",\"value\":", read);
  each(",\"written\":", written);
}

// `,"outcome":"pass"` and the like, each one literal.
void append_outcome(TextBuffer& out, const CheckResult& r) {
  switch (r.outcome) {
    case Outcome::kPass: out += ",\"outcome\":\"pass\""sv; return;
    case Outcome::kFail: out += ",\"outcome\":\"fail\""sv; return;
    case Outcome::kMissing: out += ",\"outcome\":\"missing\""sv; return;
    case Outcome::kUnreadable: out += ",\"outcome\":\"unreadable\""sv; return;
    case Outcome::kUndetermined: out += ",\"outcome\":\"undetermined\""sv; return;
  }
}

// `{"rule":"<id>"`: made once when the rules were loaded, else here.
template <class Rule>
void append_entry_head(TextBuffer& out, const Rule& rule) {
  if (!rule.entry_head.empty()) {
    out += rule.entry_head;
    return;
  }
  out += "{\"rule\":"sv;
  append_json_string(out, rule.id);
}

void append_reason(TextBuffer& out, const CheckResult& r) {
  if (r.reason().empty()) return;
  out += ",\"reason\":"sv;
  append_json_string(out, r.reason());
}

// What one score rule gave.
struct RulePoints {
  CheckResult result;
  Decimal points;             // before `max`
  bool out_of_range = false;  // a product the exact decimals cannot hold
};

// Distinct items of a list value, only those in `count_in` when it is given
// (SPEC 3.4 v1.1: "PyTorch;pytorch;Py-Torch" is one item).
// A list may hold 100,000 items, and count_in as many entries: an item is
// looked up in count_in by hash, and the items kept are told apart by
// sorting their keys (n log n), never by scanning. The keys go into a buffer
// that keeps its room from record to record, not into a hash set that
// allocates a node per item.
std::int64_t count_distinct_items(const ScoreRule& rule, const TypedValue& v) {
  thread_local std::vector<std::string> keys;
  keys.clear();
  for (const Scalar& item : v.items) {
    std::string key = distinct_key(item);
    if (rule.count_in && !rule.count_in_keys.contains(key)) continue;
    keys.push_back(std::move(key));
  }
  std::sort(keys.begin(), keys.end());
  return std::unique(keys.begin(), keys.end()) - keys.begin();
}

RulePoints rule_points(const ScoreRule& rule, const std::vector<TypedValue>& values) {
  RulePoints p;
  if (rule.kind == ScoreRule::Kind::kPoints) {
    p.result = check(rule.condition, values);
    if (p.result.outcome == Outcome::kPass) p.points = rule.points;
    return p;
  }
  const TypedValue& v = values[static_cast<std::size_t>(rule.field)];
  if (!v.ok()) {
    const bool unreadable = v.state == TypedValue::State::kUnreadable;
    p.result.outcome = unreadable ? Outcome::kUnreadable : Outcome::kMissing;
    p.result.unreadable = unreadable ? &v : nullptr;
    return p;
  }
  std::int64_t count = 0;
  switch (rule.kind) {
    case ScoreRule::Kind::kEachNumber: {
      auto product = rule.each.times(std::get<Decimal>(v.items.front()));
      p.out_of_range = !product;
      p.points = product.value_or(Decimal());
      return p;
    }
    case ScoreRule::Kind::kEachItem:
      count = count_distinct_items(rule, v);
      break;
    case ScoreRule::Kind::kCountPhrases: {
      thread_local std::vector<bool> found;  // keeps its room from record to record
      found.clear();
      for (const auto& item : v.items)
        if (auto* t = std::get_if<Text>(&item)) rule.phrases->find(t->normalized, found);
      count = std::count(found.begin(), found.end(), true);
      break;
    }
    case ScoreRule::Kind::kPoints:
      break;
  }
  auto product = rule.each.times(Decimal::from_int(count));
  p.out_of_range = !product;
  p.points = product.value_or(Decimal());
  return p;
}

// Why a score rule sends its record to review, or "" when it does not.
std::string score_doubt(const ScoreRule& rule, const RulePoints& p) {
  const CheckResult& r = p.result;
  switch (r.outcome) {
    case Outcome::kMissing:
      return rule.on_missing == OnScoreDoubt::kReview ? "score " + rule.id + ": value missing"
                                                      : std::string();
    case Outcome::kUnreadable:
      return rule.on_unreadable == OnScoreDoubt::kReview
                 ? "score " + rule.id + ": '" + r.unreadable->raw + "' is unreadable (" +
                       r.unreadable->reason + ")"
                 : std::string();
    case Outcome::kUndetermined:
      return "score " + rule.id + ": " + r.doubt;
    default:
      return {};
  }
}

// Decides the require rules; returns false if one failed. Rules left to a
// person are added to `review`.
bool decide_requirements(const Rules& rules, const Profile& profile,
                         const std::vector<TypedValue>& values, bool detail, LateFields* late,
                         ProfileDecision& d, std::vector<std::string>& review) {
  bool failed = false;
  TextBuffer& checks = d.checks_json;
  if (detail) {
    checks.clear();
    checks += '[';
  }
  for (std::size_t i = 0; i < profile.require.size(); ++i) {
    // Without detail nothing shows the rules after a failure.
    if (failed && !detail) return false;
    const RequireRule& rule = profile.require[i];
    if (late) late->need(rule.reads);
    const CheckResult r = check(rule.condition, values);
    if (detail) {
      if (i) checks += ',';
      append_entry_head(checks, rule);
      append_outcome(checks, r);
      append_values(checks, rules, rule.reads, values);
      append_reason(checks, r);
      checks += '}';
    }
    OnMissing policy = OnMissing::kReview;
    switch (r.outcome) {
      case Outcome::kPass: continue;
      case Outcome::kFail: failed = true; continue;
      case Outcome::kMissing: policy = rule.on_missing; break;
      case Outcome::kUnreadable: policy = rule.on_unreadable; break;
      case Outcome::kUndetermined: policy = OnMissing::kReview; break;
    }
    if (policy == OnMissing::kFail) failed = true;
    if (policy == OnMissing::kReview) review.push_back(rule.id);
  }
  if (detail) checks += ']';
  return !failed;
}

void decide_profile(const Rules& rules, const Profile& profile,
                    const std::vector<TypedValue>& values, bool detail, LateFields* late,
                    ProfileDecision& d) {
  // Kept from record to record: most records have no reason at all, and
  // the others' rule ids fit in the strings' own room.
  thread_local std::vector<std::string> review, reasons;
  review.clear();
  reasons.clear();
  if (!decide_requirements(rules, profile, values, detail, late, d, review)) {
    d.status = Status::kIneligible;
    if (detail) d.points_json.assign("[]");
    return;
  }
  if (late) late->type_late();
  if (!review.empty()) {
    std::string& listed = reasons.emplace_back("undetermined: ");
    for (std::size_t i = 0; i < review.size(); ++i) {
      if (i) listed += ", "sv;
      listed += review[i];
    }
  }
  Decimal total;
  bool known = true, out_of_range = false;
  TextBuffer& points = d.points_json;
  if (detail) {
    points.clear();
    points += '[';
  }
  for (std::size_t i = 0; i < profile.score.size(); ++i) {
    const ScoreRule& rule = profile.score[i];
    RulePoints p = rule_points(rule, values);
    if (rule.max && p.points > *rule.max) p.points = *rule.max;
    std::string doubt = score_doubt(rule, p);
    const bool counted = doubt.empty();
    if (!counted) {
      known = false;
      reasons.push_back(std::move(doubt));
    } else {
      auto sum = total.checked_plus(p.points);
      out_of_range = out_of_range || p.out_of_range || !sum;
      total = sum.value_or(total);
    }
    if (!detail) continue;
    if (i) points += ',';
    append_entry_head(points, rule);
    if (!counted) {
      points += ",\"points\":null"sv;
    } else {
      points += ",\"points\":\""sv;
      p.points.append_to(points);
      points += '"';
    }
    if (p.result.outcome != Outcome::kPass && p.result.outcome != Outcome::kFail) {
      append_outcome(points, p.result);
      append_values(points, rules, rule.reads, values);
      append_reason(points, p.result);
    }
    points += '}';
  }
  if (detail) points += ']';
  if (out_of_range) reasons.emplace_back("score out of range");
  if (known && !out_of_range) d.score = total;
  if (!reasons.empty()) {
    d.status = Status::kReview;
    for (std::size_t i = 0; i < reasons.size(); ++i) {
      if (i) d.reason += "; "sv;
      d.reason += reasons[i];
    }
  } else if (profile.shortlist.min_score && total < *profile.shortlist.min_score) {
    d.status = Status::kBelowCutoff;
  } else {
    d.status = Status::kEligible;
  }
}

}  // namespace

std::vector<bool> fields_typed_first(const Rules& rules, const std::vector<int>& selected) {
  std::vector<int> read;
  read.push_back(rules.id_field);
  for (std::size_t p = 0; p < rules.profiles.size(); ++p) {
    if (!selected.empty() &&
        std::find(selected.begin(), selected.end(), static_cast<int>(p)) == selected.end())
      continue;
    const Profile& profile = rules.profiles[p];
    if (profile.when) condition_fields(*profile.when, read);
  }
  std::vector<bool> mask(rules.fields.size(), false);
  for (int f : read)
    if (f >= 0) mask[static_cast<std::size_t>(f)] = true;
  return mask;
}

void decide_record(const Rules& rules, const std::vector<int>& selected,
                   const std::vector<TypedValue>& values, std::vector<ProfileDecision>& out,
                   bool detail, LateFields* late) {
  // The entries `out` holds from the record before are reused, their
  // strings cleared rather than freed and allocated again.
  std::size_t used = 0;
  const auto next_decision = [&]() -> ProfileDecision& {
    if (used == out.size()) out.emplace_back();
    ProfileDecision& d = out[used++];
    d.profile = -1;
    d.status = Status::kNoProfile;
    d.score.reset();
    d.checks_json.clear();
    d.points_json.clear();
    d.reason.clear();
    return d;
  };
  for (std::size_t p = 0; p < rules.profiles.size(); ++p) {
    if (!selected.empty() &&
        std::find(selected.begin(), selected.end(), static_cast<int>(p)) == selected.end())
      continue;
    const Profile& profile = rules.profiles[p];
    if (profile.when && evaluate(*profile.when, values) != Truth::kTrue) continue;
    ProfileDecision& d = next_decision();
    d.profile = static_cast<int>(p);
    decide_profile(rules, profile, values, detail, late, d);
  }
  if (used == 0) {
    ProfileDecision& d = next_decision();
    if (detail) {
      d.checks_json.assign("[]");
      d.points_json.assign("[]");
    }
  }
  out.resize(used);
}

}  // namespace shortlist
