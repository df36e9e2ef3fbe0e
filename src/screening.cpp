#include "shortlist/screening.hpp"

#include <algorithm>

#include "shortlist/evaluate.hpp"
#include "shortlist/json_writer.hpp"
#include "shortlist/typing.hpp"

namespace shortlist {
namespace {

enum class Outcome { kPass, kFail, kMissing, kUnreadable };

constexpr std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::kPass: return "pass";
    case Outcome::kFail: return "fail";
    case Outcome::kMissing: return "missing";
    case Outcome::kUnreadable: return "unreadable";
  }
  return "";
}

// The first unreadable value among the fields a condition reads, if any.
const TypedValue* first_unreadable(const std::vector<int>& fields,
                                   const std::vector<TypedValue>& values) {
  for (int f : fields) {
    const auto& v = values[static_cast<std::size_t>(f)];
    if (v.state == TypedValue::State::kUnreadable) return &v;
  }
  return nullptr;
}

// Appends the value a condition read: the field's typed value (its raw text when
// unreadable), or, for a condition over several fields, an object of them.
void append_read_value(std::string& out, const Rules& rules, const std::vector<int>& fields,
                       const std::vector<TypedValue>& values) {
  auto one = [&](int f) {
    const auto& v = values[static_cast<std::size_t>(f)];
    if (v.state == TypedValue::State::kUnreadable)
      append_json_string(out, v.raw);
    else
      append_value_json(out, rules.fields[static_cast<std::size_t>(f)], v);
  };
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
}

struct CheckResult {
  Outcome outcome;
  const TypedValue* unreadable;  // for the reason, when outcome is kUnreadable
};

CheckResult check(const Condition& condition, const std::vector<int>& fields,
                  const std::vector<TypedValue>& values) {
  Truth t = evaluate(condition, values);
  if (t == Truth::kTrue) return {Outcome::kPass, nullptr};
  if (t == Truth::kFalse) return {Outcome::kFail, nullptr};
  const TypedValue* bad = first_unreadable(fields, values);
  return {bad ? Outcome::kUnreadable : Outcome::kMissing, bad};
}

void append_outcome(std::string& out, const CheckResult& r) {
  out += ",\"outcome\":\"";
  out += outcome_name(r.outcome);
  out += '"';
}

// Points of one score rule, or nullopt when its value is missing or unreadable.
std::optional<Decimal> rule_points(const ScoreRule& rule, const std::vector<TypedValue>& values,
                                   CheckResult& result) {
  if (rule.kind == ScoreRule::Kind::kPoints) {
    result = check(rule.condition, rule.reads, values);
    if (result.outcome == Outcome::kPass) return rule.points;
    if (result.outcome == Outcome::kFail) return Decimal();
    return std::nullopt;
  }
  const TypedValue& v = values[static_cast<std::size_t>(rule.field)];
  if (!v.ok()) {
    result = {v.state == TypedValue::State::kUnreadable ? Outcome::kUnreadable : Outcome::kMissing,
              v.state == TypedValue::State::kUnreadable ? &v : nullptr};
    return std::nullopt;
  }
  result = {Outcome::kPass, nullptr};
  std::int64_t count = 0;
  switch (rule.kind) {
    case ScoreRule::Kind::kEachNumber: {
      auto product = rule.each.times(std::get<Decimal>(v.items.front()));
      return product ? *product : Decimal();
    }
    case ScoreRule::Kind::kEachItem:
      for (const auto& item : v.items) {
        if (!rule.count_in) {
          ++count;
          continue;
        }
        bool in = std::any_of(rule.count_in->begin(), rule.count_in->end(),
                              [&](const Scalar& s) { return scalar_equal(item, s); });
        count += in ? 1 : 0;
      }
      break;
    case ScoreRule::Kind::kCountPhrases: {
      std::vector<bool> found;
      for (const auto& item : v.items)
        if (auto* t = std::get_if<Text>(&item)) rule.phrases->find(t->normalized, found);
      count = std::count(found.begin(), found.end(), true);
      break;
    }
    case ScoreRule::Kind::kPoints:
      break;
  }
  auto product = rule.each.times(Decimal::from_int(count));
  return product ? *product : Decimal();
}

void decide_profile(const Rules& rules, const Profile& profile,
                    const std::vector<TypedValue>& values, ProfileDecision& d) {
  bool failed = false;
  std::string review_rules;
  d.checks_json = "[";
  for (std::size_t i = 0; i < profile.require.size(); ++i) {
    const RequireRule& rule = profile.require[i];
    CheckResult r = check(rule.condition, rule.reads, values);
    if (i) d.checks_json += ',';
    d.checks_json += "{\"rule\":";
    append_json_string(d.checks_json, rule.id);
    append_outcome(d.checks_json, r);
    d.checks_json += ",\"value\":";
    append_read_value(d.checks_json, rules, rule.reads, values);
    if (r.unreadable) {
      d.checks_json += ",\"reason\":";
      append_json_string(d.checks_json, r.unreadable->reason);
    }
    d.checks_json += '}';
    if (r.outcome == Outcome::kFail) {
      failed = true;
    } else if (r.outcome != Outcome::kPass) {
      if (rule.on_missing == OnMissing::kFail) failed = true;
      if (rule.on_missing == OnMissing::kReview) {
        review_rules += review_rules.empty() ? "undetermined: " : ", ";
        review_rules += rule.id;
      }
    }
  }
  d.checks_json += ']';
  if (failed) {
    d.status = Status::kIneligible;
    d.points_json = "[]";
    return;
  }
  Decimal total;
  d.points_json = "[";
  for (std::size_t i = 0; i < profile.score.size(); ++i) {
    const ScoreRule& rule = profile.score[i];
    CheckResult r{Outcome::kPass, nullptr};
    Decimal points = rule_points(rule, values, r).value_or(Decimal());
    if (rule.max && points > *rule.max) points = *rule.max;
    total += points;
    if (i) d.points_json += ',';
    d.points_json += "{\"rule\":";
    append_json_string(d.points_json, rule.id);
    d.points_json += ",\"points\":\"";
    d.points_json += points.to_string();
    d.points_json += '"';
    if (r.outcome == Outcome::kMissing || r.outcome == Outcome::kUnreadable) {
      append_outcome(d.points_json, r);
      if (r.unreadable) {
        d.points_json += ",\"reason\":";
        append_json_string(d.points_json, r.unreadable->reason);
      }
    }
    d.points_json += '}';
  }
  d.points_json += ']';
  d.score = total;
  if (!review_rules.empty()) {
    d.status = Status::kReview;
    d.reason = review_rules;
  } else if (profile.shortlist.min_score && total < *profile.shortlist.min_score) {
    d.status = Status::kBelowCutoff;
  } else {
    d.status = Status::kEligible;
  }
}

}  // namespace

void decide_record(const Rules& rules, const std::vector<int>& selected,
                   const std::vector<TypedValue>& values, std::vector<ProfileDecision>& out) {
  out.clear();
  for (std::size_t p = 0; p < rules.profiles.size(); ++p) {
    if (!selected.empty() &&
        std::find(selected.begin(), selected.end(), static_cast<int>(p)) == selected.end())
      continue;
    const Profile& profile = rules.profiles[p];
    if (profile.when && evaluate(*profile.when, values) != Truth::kTrue) continue;
    ProfileDecision& d = out.emplace_back();
    d.profile = static_cast<int>(p);
    decide_profile(rules, profile, values, d);
  }
  if (out.empty()) {
    ProfileDecision& d = out.emplace_back();
    d.checks_json = "[]";
    d.points_json = "[]";
  }
}

}  // namespace shortlist
